using System.Diagnostics;
using System.Globalization;

namespace RoCoIn.RealRunBench;

// dotnet build -c Release bench/RoCoIn.RealRunBench && dotnet run -c Release --no-build --project bench/RoCoIn.RealRunBench -- --requests 100 --emulated-requests 40 --down-seconds 1
// Not top-level statements: those would declare a global Program beside the studio's, which WebApplicationFactory needs.
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = RealRunBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(RealRunBenchOptions.Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        // WebApplicationFactory finds the studio's content root through MvcTestingAppManifest.json in the working
        // directory, as under a test runner, where that is the build output.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var log = Console.Error;
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();
        var agentProgram = options.AgentProgram ?? SameConfigurationAgent();
        var fleets = new List<FleetResult>();
        DrillResult? drill = null;
        BenchResults results;
        var studio = await BenchStudio.StartAsync(agentProgram, cancel.Token);
        IReadOnlyCollection<int> pids;
        try
        {
            log.WriteLine($"studio on {studio.BaseUrl}; agents from {studio.AgentProgramPath}");
            if (options.Latency)
            {
                fleets.Add(await LatencyBench.RunAsync(studio, emulate: false, options.Requests, options.Concurrency, options.Warmup, log, cancel.Token));
                fleets.Add(await LatencyBench.RunAsync(studio, emulate: true, options.EmulatedRequests, options.Concurrency, options.Warmup, log, cancel.Token));
            }
            if (options.Failures)
                drill = await FailureDrill.RunAsync(studio, options, log, cancel.Token);

            using var load = CoordinatorLoad.Create(studio, studio.DemoPlan, studio.DemoModelSet);
            results = new BenchResults(
                "dotnet run -c Release --no-build --project bench/RoCoIn.RealRunBench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args)),
                [.. Machine.Describe()], loadAtStart, "", TimeSpan.Zero, studio.AgentProgramPath, studio.AgentOptions.BenchmarkSeconds,
                studio.AgentOptions.Threads, load.DatasetFolder, load.Deadline, load.Aggregation, ClosedFormPrediction.For(studio.DemoPlan.Document),
                fleets, drill, 0, []);
        }
        finally
        {
            // Stops the fleet (every agent killed and reaped), the host, and deletes the data folder — also on failure.
            await studio.DisposeAsync();
            pids = studio.AgentPids;
        }

        var survivors = pids.Where(Machine.IsRunning).Order().ToList();
        results = results with
        {
            LoadAtEnd = Machine.LoadAverage(),
            Elapsed = clock.Elapsed,
            AgentProcesses = pids.Count,
            Survivors = survivors,
        };
        MarkdownReport.Write(Console.Out, results);
        return survivors.Count == 0 ? 0 : 1;
    }

    // RoCoIn.Agent.dll built with this configuration (artifacts/bin/RoCoIn.Agent/<same folder>), so a Release harness
    // does not start Debug agents; null lets the studio pick the newest build.
    private static string? SameConfigurationAgent()
    {
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidate = Path.Combine(self.Parent?.Parent?.FullName ?? "", "RoCoIn.Agent", self.Name, "RoCoIn.Agent.dll");
        return File.Exists(candidate) ? candidate : null;
    }
}
