using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Extensions;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

/// <summary>
/// The run pages' services: the real run host, notifier and assembler on the test database with the demo plan. Runs
/// started by a test are stopped when it ends.
/// </summary>
public abstract class RunComponentTestBase : ComponentTestBase
{
    protected RunComponentTestBase()
    {
        // The studio's own registrations; hosted services never start under bUnit, which is what these tests want.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddRoCoInJobs();
        Services.AddRoCoInRuns();
    }

    protected RunHost Host => Services.GetRequiredService<RunHost>();

    protected async Task<int> DemoPlanIdAsync() => (await Services.GetRequiredService<PlanStore>().ListAsync(cancellationToken: Ct))[0].Id;

    /// <summary>Starts a run through the same assembler the new-run page uses; fails the test on a refusal.</summary>
    protected async Task<int> StartRunAsync(RunStartInput input)
    {
        var (prepared, errors) = await Services.GetRequiredService<RunInputAssembler>().PrepareAsync(input, Ct);
        prepared.ShouldNotBeNull(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")));
        var started = await Host.StartAsync(prepared, Ct);
        started.IsOk.ShouldBeTrue(started.Message);
        return started.Value!.RunId;
    }

    /// <summary>A real-time run held paused at t = 0 until the test acts: nothing moves on its own.</summary>
    protected async Task<int> StartPausedRunAsync(long seed = 5) => await StartRunAsync(new RunStartInput
    {
        PlanId = await DemoPlanIdAsync(),
        Seed = seed,
        Speed = RunSpeed.RealTimeName,
        SpeedFactor = 1,
        StartPaused = true,
        Settings = new RunSettingsInput { DurationSeconds = 600, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 2 } },
    });

    /// <summary>A short run simulated as fast as possible, waited for until its result is stored.</summary>
    protected async Task<int> RunToEndAsync(RunStartInput? input = null)
    {
        var id = await StartRunAsync(input ?? new RunStartInput
        {
            PlanId = await DemoPlanIdAsync(),
            Seed = 3,
            Settings = new RunSettingsInput { DurationSeconds = 20, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 5 } },
        });
        var store = Services.GetRequiredService<RunStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await store.GetAsync(id, Ct))!.Status.IsLive())
        {
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"Run {id} did not end within 30 s.");
            await Task.Delay(20, Ct);   // poll interval, not a wait for an outcome
        }
        return id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        foreach (var id in Host.LiveRunIds)
            await Host.StopAsync(id, CancellationToken.None);
        await base.DisposeAsyncCore();
    }
}
