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
            // Only builds for this machine's runtime (an agent published for linux-arm64 carries arm64 native libraries);
            // the studio's own configuration first (debug_linux-x64 beside debug_linux-x64), then the newest.
            var arch = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var own = new DirectoryInfo(AppContext.BaseDirectory).Name;
            var found = Directory.GetFiles(bin, "RoCoIn.Agent.dll", SearchOption.AllDirectories)
                .Where(f => ForThisMachine(f, bin, arch))
                .OrderByDescending(f => string.Equals(FolderOf(f, bin), own, StringComparison.Ordinal))
                .ThenByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (found is not null)
                return found;
        }
        throw new InvalidOperationException("The agent program was not found: build the solution (dotnet build RoCoIn.sln) or set RoCoIn:Agents:ProgramPath.");
    }

    /// <summary>The build folder right under artifacts/bin/RoCoIn.Agent, e.g. "release_linux-arm64".</summary>
    private static string FolderOf(string file, string bin) =>
        System.IO.Path.GetRelativePath(bin, file).Split(System.IO.Path.DirectorySeparatorChar)[0];

    /// <summary>A build folder such as "debug_linux-x64" for this process's architecture, or one without a runtime (portable).</summary>
    private static bool ForThisMachine(string file, string bin, string arch)
    {
        var folder = FolderOf(file, bin);
        return !folder.Contains('_', StringComparison.Ordinal) || folder.EndsWith("-" + arch, StringComparison.Ordinal);
    }
}
