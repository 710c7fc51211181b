using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Tests.Runs;

namespace RoCoIn.Web.Tests.Workspace;

/// <summary>A studio seeded with the demo content, whose data folder holds the demo model set's real ONNX files.</summary>
public abstract class WorkspaceTestBase : RunsTestBase
{
    protected string ModelsFolder => Path.Combine(Factory.DataPath, "models");

    protected string DatabasePath => Path.Combine(Factory.DataPath, "rocoin.db");

    protected ModelSetStore ModelSets => Factory.Services.GetRequiredService<ModelSetStore>();

    protected PlanStore Plans => Factory.Services.GetRequiredService<PlanStore>();

    /// <summary>The bundled demo model set (the only one of a new studio).</summary>
    protected async Task<SavedModelSet> DemoModelSetAsync()
    {
        var summary = (await ModelSets.ListAsync(Ct)).ShouldHaveSingleItem();
        return (await ModelSets.GetAsync(summary.Id, Ct))!;
    }

    /// <summary>GET /api/workspace/backup, checked to be a zip download.</summary>
    protected async Task<byte[]> DownloadBackupAsync()
    {
        using var response = await Client.GetAsync("/api/workspace/backup", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("rocoin-backup-");
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    /// <summary>POST /api/workspace/restore with the zip as the body.</summary>
    protected async Task<HttpResponseMessage> RestoreAsync(byte[] zip)
    {
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await Client.PostAsync("/api/workspace/restore", content, Ct);
    }
}
