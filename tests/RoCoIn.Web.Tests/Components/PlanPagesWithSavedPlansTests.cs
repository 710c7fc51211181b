using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Components.Pages.Plans;

namespace RoCoIn.Web.Tests.Components;

/// <summary>Plan pages on plans saved the way the planning job saves them, for cases the demo plan does not cover.</summary>
public class PlanPagesWithSavedPlansTests : ComponentTestBase
{
    private async Task<int> SavePlanAsync(string name, PlanSettings settings)
    {
        var fleets = Services.GetRequiredService<FleetStore>();
        var devices = await fleets.GetDevicesAsync(1, Ct);
        var teacher = ModelCatalogue.DefaultTeacher;
        var result = RoCoInPlanner.Plan(new PlanRequest(devices, teacher, ModelCatalogue.Students, settings), cancellationToken: Ct);
        var document = new PlanDocument(settings, devices, FleetHash.Compute(devices), result, teacher.FeatureChannels);
        return await Services.GetRequiredService<PlanStore>().SaveAsync(name, 1, "Paper setting (8 devices)", document, null, Ct);
    }

    [Fact]
    public async Task InfeasiblePlanExplainsWhichConstraintFailsAndStillShowsTheBaselines()
    {
        // Every request served is impossible with devices that fail: R_min = 1 cannot be met.
        var id = await SavePlanAsync("Too demanding", new PlanSettings { MinReliability = 1 });

        var cut = Render<PlanPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => cut.Find("#plan-infeasible").TextContent.ShouldContain("reliability"));
        cut.Find("#plan-infeasible").TextContent.ShouldContain("Lower R_min");
        cut.FindAll("#plan-topology").ShouldBeEmpty();
        cut.FindAll("#plan-comparison tr.strategy-row").Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CompareShowsBothPlansMetricsAndWhichDevicesMoved()
    {
        var other = await SavePlanAsync("Short deadline", new PlanSettings { DeadlineSeconds = 0.2, ObjectiveSeconds = 0.1, Seed = 5 });

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/plans/compare?a=1&b={other}");
        var cut = Render<ComparePlansPage>();

        cut.WaitForAssertion(() => cut.Find("#compare-metrics").TextContent.ShouldContain("Short deadline"));
        var text = cut.Find("#compare-metrics").TextContent;
        text.ShouldContain("200 ms");
        text.ShouldContain("1 s");
        cut.Find("#compare-cdf").ShouldNotBeNull();
    }

    [Fact]
    public void CompareWithoutTwoPlansSaysHowToChoose()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/plans/compare?a=1");
        var cut = Render<ComparePlansPage>();

        cut.WaitForAssertion(() => cut.Find("#compare-missing").TextContent.ShouldContain("Choose two plans"));
    }
}
