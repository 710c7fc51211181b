using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Components.Pages.Plans;
using RoCoIn.Web.Extensions;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Components;

/// <summary>The demo plan once a model set has been distilled for it.</summary>
public class PlanPageMeasuredAccuracyTests : ComponentTestBase
{
    [Fact]
    public async Task RoCoInShowsTheAccuracyMeasuredOnTheModelSetAndBaselinesStayNotMeasured()
    {
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(1, Ct))!;
        var rocoin = plan.Document.Result.Plan!;
        var result = ModelSetBuilder.For(rocoin);
        var modelSetId = await Services.GetRequiredService<ModelSetStore>().SaveAsync("distilled demo", planId: 1, jobId: null, result, Ct);
        var expected = AccuracyModel.ExpectedServedAccuracy(result.AccuracyBySubset, rocoin.Metrics.GroupFailureProbabilities,
            plan.Document.Settings.Mode)!.Value;
        var percent = (expected * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %";

        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.Find("#plan-measured-accuracy").TextContent.ShouldContain(percent));
        var rows = cut.FindAll("#plan-comparison tr.strategy-row");
        var rocoinRow = rows.Single(r => r.GetAttribute("data-strategy") == "RoCoIn");
        rocoinRow.QuerySelector(".accuracy-measured")!.TextContent.ShouldBe(percent);
        rocoinRow.QuerySelector(".accuracy-source")!.TextContent.ShouldContain($"model set #{modelSetId}");
        rocoinRow.QuerySelector($"a[href='/model-sets/{modelSetId}']").ShouldNotBeNull();
        rocoinRow.QuerySelector(".accuracy-not-measured").ShouldBeNull();
        foreach (var baseline in rows.Where(r => r.GetAttribute("data-strategy") != "RoCoIn"))
            baseline.QuerySelector(".accuracy-not-measured")!.TextContent.ShouldBe("not measured yet");
        cut.Find("#replan-with-students").GetAttribute("href").ShouldBe($"/plans/new?fleet={plan.FleetId}&modelSet={modelSetId}");
    }

    [Fact]
    public async Task AModelSetWithOtherPartitionsLeavesThePlanNotMeasured()
    {
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(1, Ct))!;
        var groups = plan.Document.Result.Plan!.Groups;
        // One student changed: the table describes other students, so it says nothing about this plan.
        var partitions = groups.Select(g => (g.Width, g.StudentKey == "s-mcu" ? "s-small" : "s-mcu")).ToList();
        await Services.GetRequiredService<ModelSetStore>().SaveAsync("other students", planId: 1, jobId: null, ModelSetBuilder.Result(partitions), Ct);

        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.FindAll("#plan-comparison tr.strategy-row").Count.ShouldBeGreaterThan(0));
        cut.FindAll(".accuracy-not-measured").Count.ShouldBe(cut.FindAll("#plan-comparison tr.strategy-row").Count);
        cut.FindAll("#plan-measured-accuracy").ShouldBeEmpty();
        cut.FindAll("#replan-with-students").ShouldBeEmpty();
    }

    [Fact]
    public async Task APlanReplannedForAModelSetSaysSoAndIsMeasuredOnIt()
    {
        var plans = Services.GetRequiredService<PlanStore>();
        var demo = (await plans.GetAsync(1, Ct))!;
        var result = ModelSetBuilder.For(demo.Document.Result.Plan!);
        var modelSetId = await Services.GetRequiredService<ModelSetStore>().SaveAsync("distilled demo", planId: 1, jobId: null, result, Ct);
        var devices = await Services.GetRequiredService<FleetStore>().GetDevicesAsync(1, Ct);
        var settings = new PlanSettings { Mode = FailureMode.Degraded, Seed = 3 };
        var fixedStudents = result.Students.Select(s => new FixedPartition(s.Width, s.StudentKey)).ToList();
        var planned = RoCoInPlanner.Plan(new PlanRequest(devices, ModelCatalogue.DefaultTeacher, ModelCatalogue.Students, settings, fixedStudents),
            cancellationToken: Ct);
        var document = new PlanDocument(settings, devices, FleetHash.Compute(devices), planned, ModelCatalogue.DefaultTeacher.FeatureChannels);
        var id = await plans.SaveAsync("Re-planned", 1, "Paper setting (8 devices)", document, null, modelSetId, Ct);
        var expected = AccuracyModel.ExpectedServedAccuracy(result.AccuracyBySubset, planned.Plan!.Metrics.GroupFailureProbabilities,
            FailureMode.Degraded)!.Value;

        var cut = Render<PlanPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => cut.Find("#plan-based-on").TextContent.ShouldContain($"model set #{modelSetId}"));
        cut.Find("#plan-based-on").TextContent.ShouldContain("Grouping re-planned for");
        cut.Find("#plan-measured-accuracy").TextContent
            .ShouldContain((expected * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %");
    }
}

/// <summary>The new-plan form opened from "Re-plan with these students".</summary>
public class NewPlanPageWithModelSetTests : ComponentTestBase
{
    public NewPlanPageWithModelSetTests()
    {
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddRoCoInJobs();
        Services.AddRoCoInPlanning();
    }

    [Fact]
    public async Task NewPlanPageWithAModelSetSaysWidthsAndStudentsAreFixed()
    {
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(1, Ct))!;
        var modelSetId = await Services.GetRequiredService<ModelSetStore>().SaveAsync("distilled demo", planId: 1, jobId: null,
            ModelSetBuilder.For(plan.Document.Result.Plan!), Ct);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/plans/new?fleet=1&modelSet={modelSetId}");
        Render<MudBlazor.MudPopoverProvider>();

        var cut = Render<NewPlanPage>();

        cut.WaitForAssertion(() => cut.Find("#plan-fixed-students").TextContent.ShouldContain($"fixed to those of model set #{modelSetId}"));
    }
}
