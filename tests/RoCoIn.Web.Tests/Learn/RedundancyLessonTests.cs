using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Lesson "redundancy": K from the URL, figures from the planner and the closed form on the demo fleet.</summary>
public class RedundancyLessonTests : LessonTestBase
{
    private async Task<(int Id, IReadOnlyList<DeviceProfile> Devices)> PaperFleetAsync()
    {
        var fleets = Services.GetRequiredService<FleetStore>();
        var fleet = (await fleets.ListAsync(Ct)).Single(f => f.Name == DemoContent.PaperFleetName);
        return (fleet.Id, await fleets.GetDevicesAsync(fleet.Id, Ct));
    }

    private static DeploymentPlan PlanWithK(IReadOnlyList<DeviceProfile> devices, IReadOnlyList<FixedPartition> partitions, FailureMode mode) =>
        RoCoInPlanner.Plan(new PlanRequest(devices, ModelCatalogue.DefaultTeacher, ModelCatalogue.Students,
            new PlanSettings { Mode = mode, MinReliability = 0 }, partitions)).Plan.ShouldNotBeNull();

    [Fact]
    public async Task ForKOfTheDemoModelSetTheFiguresAreThePlannersAndTheMeasuredAccuracy()
    {
        var set = await LoadDemoModelSetAsync();
        var (_, devices) = await PaperFleetAsync();

        var cut = Open("/learn/redundancy/1?k=3");

        var plan = PlanWithK(devices, set.Result.Students.OrderBy(s => s.Partition).Select(s => new FixedPartition(s.Width, s.StudentKey)).ToList(),
            FailureMode.Strict);
        Figure(cut, "k").ShouldBe("3");
        Figure(cut, "mean-served").ShouldBe(LessonFormat.Duration(plan.Metrics.MeanServedSeconds));
        Figure(cut, "p99").ShouldBe(LessonFormat.Duration(plan.Metrics.P99Seconds));
        Figure(cut, "reliability").ShouldBe(LessonFormat.Percent(plan.Metrics.Reliability));
        Figure(cut, "objective-j").ShouldBe(LessonFormat.Duration(plan.Metrics.ObjectiveJ));
        var accuracy = AccuracyModel.ExpectedServedAccuracy(set.Result.AccuracyBySubset, plan.Metrics.GroupFailureProbabilities, FailureMode.Strict);
        Figure(cut, "expected-accuracy").ShouldBe(LessonFormat.Percent(accuracy!.Value));
        cut.FindAll("#k-groups tr.group-row").Select(r => Cells(r)[1]).ShouldBe(plan.Groups.Select(g => g.Width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task InDegradedModeTheExpectedAccuracyWeighsEverySubset()
    {
        var set = await LoadDemoModelSetAsync();
        var (_, devices) = await PaperFleetAsync();

        var cut = Open("/learn/redundancy/4?k=3&mode=degraded");

        var plan = PlanWithK(devices, set.Result.Students.OrderBy(s => s.Partition).Select(s => new FixedPartition(s.Width, s.StudentKey)).ToList(),
            FailureMode.Degraded);
        Figure(cut, "reliability").ShouldBe(LessonFormat.Percent(plan.Metrics.Reliability));
        var accuracy = AccuracyModel.ExpectedServedAccuracy(set.Result.AccuracyBySubset, plan.Metrics.GroupFailureProbabilities, FailureMode.Degraded);
        Figure(cut, "expected-accuracy").ShouldBe(LessonFormat.Percent(accuracy!.Value));
        cut.Find("#mode-degraded").ClassList.ShouldContain("mud-button-filled");
    }

    [Fact]
    public async Task AKWithoutDistilledStudentsSplitsFEquallyAndShowsNoAccuracy()
    {
        await LoadDemoModelSetAsync();
        var (_, devices) = await PaperFleetAsync();

        var cut = Open("/learn/redundancy/2?k=5");

        var partitions = RoCoInPlanner.EqualWidths(ModelCatalogue.DefaultTeacher.FeatureChannels, 5)
            .Select(w => new FixedPartition(w, ModelCatalogue.Students[0].Key)).ToList();
        var plan = PlanWithK(devices, partitions, FailureMode.Strict);
        Figure(cut, "mean-served").ShouldBe(LessonFormat.Duration(plan.Metrics.MeanServedSeconds));
        Figure(cut, "reliability").ShouldBe(LessonFormat.Percent(plan.Metrics.Reliability));
        Figure(cut, "expected-accuracy").ShouldBe("not measured yet");
        cut.FindAll("#k-reliability .group-failure").Select(e => e.TextContent)
            .ShouldBe(plan.Metrics.GroupFailureProbabilities.Select(LessonFormat.Probability));
    }

    [Fact]
    public async Task TheTradeOffTableHasEveryKAsThePlannerPlansIt()
    {
        var (_, devices) = await PaperFleetAsync();

        var cut = Open("/learn/redundancy/3?k=2");

        var rows = cut.FindAll("#k-sweep tr.k-row");
        rows.Count.ShouldBe(8);
        for (var k = 1; k <= 8; k++)
        {
            var partitions = RoCoInPlanner.EqualWidths(64, k).Select(w => new FixedPartition(w, ModelCatalogue.Students[0].Key)).ToList();
            var plan = PlanWithK(devices, partitions, FailureMode.Strict);
            var cells = Cells(rows[k - 1]);
            cells[1].ShouldBe(LessonFormat.Duration(plan.Metrics.MeanServedSeconds));
            cells[3].ShouldBe(LessonFormat.Percent(plan.Metrics.Reliability));
            cells[4].ShouldBe(LessonFormat.Duration(plan.Metrics.ObjectiveJ));
        }
        rows[1].ClassList.ShouldContain("selected-row");
        cut.Find("#k-latency-chart").ShouldNotBeNull();
        cut.Find("#k-reliability-chart").ShouldNotBeNull();
    }

    [Fact]
    public async Task TheSameUrlGivesTheSameFiguresAndAnotherKOthers()
    {
        await LoadDemoModelSetAsync();

        var first = Figures(Open("/learn/redundancy/3?k=4&mode=degraded"));
        var again = Figures(Open("/learn/redundancy/3?k=4&mode=degraded"));
        var otherK = Figures(Open("/learn/redundancy/3?k=6&mode=degraded"));

        first.ShouldNotBeEmpty();
        again.ShouldBe(first);
        otherK.ShouldNotBe(first);
        otherK.ShouldContain("k=6");
    }

    [Fact]
    public async Task MovingTheSliderPutsKInTheUrl()
    {
        var cut = Open("/learn/redundancy/1?k=2&mode=degraded");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSlider<int>>().Instance.ValueChanged.InvokeAsync(5));

        navigation.Uri.ShouldEndWith("/learn/redundancy/1?k=5&mode=degraded");
        cut.WaitForAssertion(() => Figure(cut, "k").ShouldBe("5"), Wait);
        cut.Find("#mode-strict").GetAttribute("href").ShouldBe("/learn/redundancy/1?k=5");
    }

    [Fact]
    public async Task TryItYourselfPlansTheFleetWithTheStudentsOfThisK()
    {
        var set = await LoadDemoModelSetAsync();
        var (fleetId, _) = await PaperFleetAsync();

        Open("/learn/redundancy/4?k=3").Find("#lesson-try").GetAttribute("href").ShouldBe($"/plans/new?fleet={fleetId}&modelSet={set.Id}");
        Open("/learn/redundancy/4?k=6").Find("#lesson-try").GetAttribute("href").ShouldBe($"/plans/new?fleet={fleetId}");
    }

    [Theory]
    [InlineData("k=0", "k", "k = 0 is not allowed: the number of groups K (at most min(N = 8, F = 64, 8)) must be a whole number from 1 to 8. Showing K = 3 instead.")]
    [InlineData("k=999", "k", "k = 999 is not allowed: the number of groups K (at most min(N = 8, F = 64, 8)) must be a whole number from 1 to 8. Showing K = 3 instead.")]
    [InlineData("k=three", "k", "k = three is not allowed")]
    [InlineData("mode=relaxed", "mode", "mode = relaxed is not allowed: the failure mode must be one of strict, degraded. Showing strict instead.")]
    public async Task ABadValueIsNamedWithItsRangeAndChangesNothing(string query, string parameter, string message)
    {
        await LoadDemoModelSetAsync();
        var expected = Figures(Open("/learn/redundancy/1"));

        var cut = Open($"/learn/redundancy/1?{query}");

        var error = cut.Find(".lesson-query-error");
        error.GetAttribute("data-parameter").ShouldBe(parameter);
        error.TextContent.ShouldContain(message);
        Figures(cut).ShouldBe(expected);
    }
}
