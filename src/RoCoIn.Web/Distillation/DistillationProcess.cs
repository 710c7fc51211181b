using System.Diagnostics;
using Microsoft.Extensions.Options;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Web.Distillation;

/// <summary>
/// Runs the distillation program as a child process (stack-notes §10): hands it a job file, reads its JSON lines,
/// and on cancellation kills its whole process tree and reaps it. libtorch never loads into the studio.
/// </summary>
public sealed class DistillationProcess(IOptions<DistillationOptions> options)
{
    /// <summary>The program's path: configured, or found in the build output next to the studio's.</summary>
    public string ProgramPath()
    {
        var configured = options.Value.ProgramPath;
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"RoCoIn:Distillation:ProgramPath {configured} does not exist.");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "artifacts", "bin", "RoCoIn.Distillation");
            if (!Directory.Exists(bin))
                continue;
            var found = Directory.GetFiles(bin, "RoCoIn.Distillation.dll", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (found is not null)
                return found;
        }
        throw new InvalidOperationException("The distillation program was not found: build the solution (dotnet build RoCoIn.sln) or set RoCoIn:Distillation:ProgramPath.");
    }

    /// <summary>
    /// Runs <paramref name="spec"/> to the end, passing every line to <paramref name="onMessage"/>.
    /// Returns the result, or throws with the program's own error message.
    /// </summary>
    public async Task<DistillationResult> RunAsync(DistillationJobSpec spec, Func<DistillationMessage, Task> onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onMessage);
        Directory.CreateDirectory(spec.OutputFolder);
        var jobFile = Path.Combine(spec.OutputFolder, "job.json");
        await File.WriteAllTextAsync(jobFile, DistillationJson.WriteSpec(spec), cancellationToken);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = spec.OutputFolder,
        };
        start.ArgumentList.Add(ProgramPath());
        start.ArgumentList.Add(jobFile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The distillation program could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        DistillationResult? result = null;
        string? error = null;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                DistillationMessage message;
                try
                {
                    message = DistillationJson.ReadLine(line);
                }
                catch (System.Text.Json.JsonException)
                {
                    continue;   // not a protocol line (e.g. a native library's banner)
                }
                switch (message)
                {
                    case DistillationResultMessage done:
                        result = done.Result;
                        break;
                    case DistillationErrorMessage failed:
                        error = failed.Errors is { Count: > 0 } errors
                            ? $"{failed.Message} {string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"))}"
                            : failed.Message;
                        break;
                }
                await onMessage(message);
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        if (process.ExitCode == DistillationExitCodes.Success && result is not null)
            return result;
        var detail = error ?? LastLines(await stderr) ?? $"exit code {process.ExitCode}";
        throw new InvalidOperationException($"Distillation failed: {detail}");
    }

    private static string? LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : string.Join(" ", lines.TakeLast(3));
    }
}
