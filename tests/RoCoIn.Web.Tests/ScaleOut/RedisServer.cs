using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoCoIn.Web.Tests.ScaleOut;

/// <summary>
/// A private redis-server (Debian's package) on a free loopback port, with no persistence, started for the tests and
/// killed and reaped by <see cref="DisposeAsync"/>. Missing redis-server is a failure, not a skip: CI installs it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string NotInstalled =
        "redis-server is not installed: run scripts/test.sh, which installs Debian's redis-server when it is missing " +
        "(or apt-get install redis-server).";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string of this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>What the server printed so far (its log goes to standard output).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts a server and returns once it answers PING; tries another port when the one picked was taken.</summary>
    public static async Task<RedisServer> StartAsync(CancellationToken ct)
    {
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(NotInstalled);
        var failures = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var server = Launch(executable, FreeLoopbackPort());
            if (await server.WaitUntilItAnswersAsync(ct))
                return server;
            failures.Add($"port {server.Port}: {server.Output}");
            await server.DisposeAsync();
        }
        throw new InvalidOperationException($"redis-server did not answer PING within {StartLimit.TotalSeconds} s:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until no client but this check is connected, so the studios' Redis
    /// connections have closed before the server goes and none of them logs a lost connection.
    /// </summary>
    public async Task WaitUntilNoClientsAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            while (await ConnectedClientsAsync(deadline.Token) > 1)
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            // Stop the server anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static RedisServer Launch(string executable, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath(), "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        var server = new RedisServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task<bool> WaitUntilItAnswersAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(StartLimit);
        var pause = TimeSpan.FromMilliseconds(10);
        while (!_process.HasExited)
        {
            try
            {
                if (await PingAsync(limit.Token))
                    return true;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Closed on us while starting.
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
            try
            {
                // Polling back-off between attempts, not a guess at how long the server takes.
                await Task.Delay(pause, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
        return false;
    }

    private async Task<bool> PingAsync(CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
        var reply = new byte[64];
        var read = await stream.ReadAsync(reply, ct);
        return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }

    private async Task<int> ConnectedClientsAsync(CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync("INFO clients\r\n"u8.ToArray(), ct);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        const string Key = "connected_clients:";
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
                throw new IOException("redis-server closed the connection.");
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var all = text.ToString();
            var at = all.IndexOf(Key, StringComparison.Ordinal);
            var end = at < 0 ? -1 : all.IndexOf('\r', at);
            if (end > 0)
                return int.Parse(all.AsSpan(at + Key.Length, end - at - Key.Length), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
