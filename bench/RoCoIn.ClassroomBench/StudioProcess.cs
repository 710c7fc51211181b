using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RoCoIn.ClassroomBench;

/// <summary>
/// The studio as a child process (<c>dotnet RoCoIn.Web.dll</c>, Production, warnings only) on a free loopback port,
/// with a fresh temp data folder seeded with the demo content. Disposing kills it and deletes the folder.
/// </summary>
public sealed class StudioProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataPath;
    private readonly Process _process;

    private StudioProcess(Process process, string baseUrl, string dataPath)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataPath = dataPath;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    /// <summary>User + system CPU time of the studio process so far (every thread).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<StudioProcess> StartAsync(string webAssembly, HttpClient http, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "RoCoIn.Web");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var dataPath = Path.Combine(Path.GetTempPath(), "rocoin-classroom-bench", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
        };
        foreach (var arg in new[]
        {
            webAssembly, "--contentRoot", contentRoot, "--urls", baseUrl, "--environment", "Production",
            $"--RoCoIn:DataPath={dataPath}", "--RoCoIn:SeedDemoContent=true",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // The studio's own log goes to the harness's standard error, so standard output stays Markdown.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine($"[studio] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine($"[studio] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var studio = new StudioProcess(process, baseUrl, dataPath);
        try
        {
            await studio.WaitHealthyAsync(http, cancellationToken);
            return studio;
        }
        catch
        {
            await studio.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The studio exited with code {_process.ExitCode} before it was ready.");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (deadline.Elapsed > ReadyTimeout)
                throw new TimeoutException($"The studio did not answer /health within {ReadyTimeout.TotalSeconds} s.");
            await Task.Delay(200, cancellationToken);   // poll interval
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temp folder
        }
    }

    /// <summary>RoCoIn.Web.dll built with this harness's configuration (artifacts/bin/RoCoIn.Web/&lt;same folder&gt;).</summary>
    public static string SameConfigurationWeb()
    {
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidate = Path.Combine(self.Parent?.Parent?.FullName ?? "", "RoCoIn.Web", self.Name, "RoCoIn.Web.dll");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"RoCoIn.Web.dll is not at {candidate}; build the harness (it builds the studio) or pass --web.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RoCoIn.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("RoCoIn.sln was not found above the harness; run it from the repository's artifacts folder.");
    }

    // A port the OS has just handed out and released; another process could take it in between, which start-up reports.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
