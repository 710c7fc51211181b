using System.Diagnostics;
using System.Text;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Tests.Program;

/// <summary>The built distillation program as a real child process, with its JSON lines read as they come.</summary>
internal sealed class DistillationProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private DistillationProcess(Process process) => _process = process;

    public string StandardError
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static DistillationProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestPaths.ProgramDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start };
        var child = new DistillationProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (child._errors)
                child._errors.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The next message, or null when the program closed its output.</summary>
    public async Task<DistillationMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        return line is null ? null : DistillationJson.ReadLine(line);
    }

    /// <summary>Every message until the program exits, and its exit code.</summary>
    public async Task<(int ExitCode, List<DistillationMessage> Messages)> RunToEndAsync(CancellationToken cancellationToken)
    {
        var messages = new List<DistillationMessage>();
        while (await ReadAsync(cancellationToken) is { } message)
            messages.Add(message);
        await _process.WaitForExitAsync(cancellationToken);
        return (_process.ExitCode, messages);
    }

    /// <summary>Sends SIGTERM (what a service manager sends to stop it) and waits until the program exits.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Kills the program and everything it started, and waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
