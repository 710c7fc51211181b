using Microsoft.Extensions.Options;

namespace RoCoIn.Web.Agents;

/// <summary>Where RoCoIn.Agent.dll is: configured, or found in the build output next to the studio's (as for distillation).</summary>
public sealed class AgentProgram(IOptions<AgentsOptions> options)
{
    public string Path()
    {
        var configured = options.Value.ProgramPath;
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"RoCoIn:Agents:ProgramPath {configured} does not exist.");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = System.IO.Path.Combine(dir.FullName, "artifacts", "bin", "RoCoIn.Agent");
            if (!Directory.Exists(bin))
                continue;
            var found = Directory.GetFiles(bin, "RoCoIn.Agent.dll", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (found is not null)
                return found;
        }
        throw new InvalidOperationException("The agent program was not found: build the solution (dotnet build RoCoIn.sln) or set RoCoIn:Agents:ProgramPath.");
    }
}
