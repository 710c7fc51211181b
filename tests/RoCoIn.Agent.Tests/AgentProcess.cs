using System.Diagnostics;
using System.Globalization;
using System.Text;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent.Tests;

/// <summary>A real RoCoIn.Agent process; its log (standard error) is collected. Disposing kills and reaps it.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private AgentProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static AgentProcess Start(string agentDll, IEnumerable<string> args, string? token)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(agentDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        if (token is null)
            start.Environment.Remove(AgentProtocol.TokenVariable);
        else
            start.Environment[AgentProtocol.TokenVariable] = token;
        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(process);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return agent;
    }

    /// <summary>The exit code, waiting at most <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The agent did not exit within {timeout.TotalSeconds} s. Log:\n{Log}");
        }
        // WaitForExitAsync returns once the exit is seen; the last lines may still be in flight.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the log contains <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"The agent's log did not say '{text}' within {timeout.TotalSeconds} s. Log:\n{Log}");
            await Task.Delay(50);
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a signal with kill(1): STOP, CONT, TERM.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
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

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }
}
