using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Lesson "failures": the demo plan in the seeded simulator, crashed devices and seed from the URL.</summary>
public class FailuresLessonTests : LessonTestBase
{
    private async Task<(SavedPlan Plan, SimulationTopology Topology)> DemoAsync()
    {
        var set = await LoadDemoModelSetAsync();
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(set.PlanId!.Value, Ct))!;
        return (plan, SimulationTopology.FromPlan(plan.Document, plan.Document.Result.Plan!, set.Result.AccuracyBySubset, set.Result.Teacher.TestAccuracy));
    }

    // The lesson's run, written out: Poisson arrivals at 2/s for 60 simulated seconds, the devices crashed from 0 s.
    private static Simulator Run(SimulationTopology topology, long seed, FailureMode mode, params int[] crashed)
    {
        var settings = new SimulationSettings
        {
            Arrivals = new ArrivalSettings(ArrivalKind.Poisson, 2),
            DurationSeconds = 60,
            MaxRequests = 1000,
            Mode = mode,
            Seed = seed,
        };
        var failures = crashed.Select(id => new DeviceFailure(id, 0, null, FailureEffect.Crash, "test")).ToList();
        var simulator = new Simulator(topology, settings, failures, traceCapacity: 1000);
        simulator.RunToEnd();
        return simulator;
    }

    [Fact]
    public async Task SuccessRatesAreTheSimulatorsForTheSameSeedAndCrashes()
    {
        var (_, topology) = await DemoAsync();
        var lostGroup = topology.Groups[^1].Members.Select(m => m.DeviceId).ToArray();

        var cut = Open($"/learn/failures/3?seed=7&crash={string.Join(",", lostGroup)}");

        var strict = Run(topology, 7, FailureMode.Strict, lostGroup).Result().Summary;
        var degraded = Run(topology, 7, FailureMode.Degraded, lostGroup).Result().Summary;
        Figure(cut, "strict-success-rate").ShouldBe(LessonFormat.Percent(strict.SuccessRate));
        Figure(cut, "degraded-success-rate").ShouldBe(LessonFormat.Percent(degraded.SuccessRate));
        Figure(cut, "strict-served").ShouldBe(LessonFormat.Count(strict.Served));
        Figure(cut, "degraded-served").ShouldBe(LessonFormat.Count(degraded.Served));
        Figure(cut, "strict-mean").ShouldBe(LessonFormat.Duration(strict.MeanLatencySeconds));
        Figure(cut, "degraded-accuracy").ShouldBe(LessonFormat.Percent(degraded.Accuracy!.Value));
        // A whole group down: strict serves nothing, degraded still answers with the other groups.
        strict.Served.ShouldBe(0);
        degraded.SuccessRate.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public async Task TheRequestPathShowsWhichMemberOfEachGroupAnsweredFirst()
    {
        var (_, topology) = await DemoAsync();
        var crashed = topology.Groups[0].Members[0].DeviceId;

        var cut = Open($"/learn/failures/1?crash={crashed}");

        var traces = Run(topology, FailuresLesson.DefaultSeed, FailureMode.Strict, crashed).RecentTraces.OrderBy(t => t.RequestId).Take(8).ToList();
        var rows = cut.FindAll("#request-path tr.request-row");
        rows.Count.ShouldBe(traces.Count);
        for (var i = 0; i < traces.Count; i++)
        {
            for (var g = 0; g < topology.Groups.Count; g++)
            {
                var winner = traces[i].Members.FirstOrDefault(m => m.Group == g && m.Won);
                var expected = winner is null ? "— nobody" : topology.Devices.Single(d => d.DeviceId == winner.DeviceId).Name;
                rows[i].QuerySelector($".request-group[data-group='{g}']")!.TextContent.ShouldBe(expected);
            }
        }
        // The crashed device never wins.
        cut.FindAll(".request-group").Select(e => e.TextContent).ShouldNotContain(topology.Devices.Single(d => d.DeviceId == crashed).Name);
    }

    [Fact]
    public async Task EachGroupsAnswersAndEachMembersWinsComeFromTheRun()
    {
        var (_, topology) = await DemoAsync();
        var crashed = topology.Groups[1].Members[0].DeviceId;

        var cut = Open($"/learn/failures/2?crash={crashed}&seed=3");

        var simulator = Run(topology, 3, FailureMode.Strict, crashed);
        var traces = simulator.RecentTraces;
        var summary = simulator.Result().Summary;
        for (var g = 0; g < topology.Groups.Count; g++)
        {
            var card = cut.Find($".group-card[data-group='{g}']");
            card.QuerySelector(".group-answered")!.TextContent.ShouldBe(LessonFormat.Count(traces.Count(t => (t.AnsweredGroups & (1 << g)) != 0)));
        }
        foreach (var device in summary.Devices)
        {
            cut.Find($".member-row[data-device='{device.DeviceId}'] .member-wins").TextContent
                .ShouldContain($"first in its group {LessonFormat.Count(device.Wins)}×");
        }
        var toggle = cut.Find($".crash-toggle[data-device='{crashed}']");
        toggle.TextContent.ShouldContain("recover");
        toggle.GetAttribute("href").ShouldBe("/learn/failures/2?seed=3");
        var other = topology.Groups[0].Members[0].DeviceId;
        var ids = new[] { crashed, other }.Order();
        cut.Find($".crash-toggle[data-device='{other}']").GetAttribute("href")
            .ShouldBe($"/learn/failures/2?crash={string.Join("%2C", ids)}&seed=3");
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameRunAndAnotherSeedAnotherRun()
    {
        await DemoAsync();

        var first = Figures(Open("/learn/failures/3?seed=11&crash=1"));
        var again = Figures(Open("/learn/failures/3?seed=11&crash=1"));
        var otherSeed = Figures(Open("/learn/failures/3?seed=12&crash=1"));

        first.ShouldNotBeEmpty();
        again.ShouldBe(first);
        otherSeed.ShouldNotBe(first);
    }

    [Fact]
    public async Task TryItYourselfStartsARunOfTheSamePlanWithTheLessonsSeedArrivalsAndDuration()
    {
        var (plan, _) = await DemoAsync();

        var cut = Open("/learn/failures/4?seed=5");

        cut.Find("#lesson-try").GetAttribute("href").ShouldBe($"/runs/new?plan={plan.Id}&seed=5&arrivals=poisson&rate=2&duration=60");
    }

    [Theory]
    [InlineData("seed=abc", "seed", "seed = abc is not allowed: the seed must be a whole number from 0 to 2147483647. Showing seed 1 instead.")]
    [InlineData("seed=-4", "seed", "must be a whole number from 0 to 2147483647")]
    [InlineData("crash=99", "crash", "crash = 99 is not allowed: the crashed devices must be a comma-separated list of 1, 2, 3, 4, 5, 6, 7, 8. Showing none instead.")]
    [InlineData("crash=1,x", "crash", "crash = 1,x is not allowed")]
    public async Task ABadValueIsNamedWithItsRangeAndChangesNothing(string query, string parameter, string message)
    {
        await DemoAsync();
        var expected = Figures(Open("/learn/failures/3"));

        var cut = Open($"/learn/failures/3?{query}");

        var error = cut.Find(".lesson-query-error");
        error.GetAttribute("data-parameter").ShouldBe(parameter);
        error.TextContent.ShouldContain(message);
        Figures(cut).ShouldBe(expected);
    }
}
