using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Tests.Workspace;

/// <summary>The workspace services for component tests, on a data folder under <c>contentRoot</c>/data.</summary>
internal static class WorkspaceServices
{
    public static void Add(IServiceCollection services, string contentRoot)
    {
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot, EnvironmentName = Environments.Development });
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddRoCoInWorkspace();
    }
}
