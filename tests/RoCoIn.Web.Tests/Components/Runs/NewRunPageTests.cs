using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Components.Pages.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class NewRunPageTests : RunComponentTestBase
{
    private IRenderedComponent<NewRunPage> RenderPage(string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/runs/new" + query);
        Render<MudPopoverProvider>();
        var cut = Render<NewRunPage>();
        cut.WaitForAssertion(() => cut.Find("#run-start"));
        return cut;
    }

    /// <summary>The error text MudBlazor shows under the field whose input has <paramref name="inputId"/>.</summary>
    private static string FieldError(IRenderedComponent<NewRunPage> cut, string inputId)
    {
        var control = cut.Find($"#{inputId}").Closest(".mud-input-control")!;
        return control.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    [Fact]
    public void InvalidSettingsAreReportedOnTheFieldsThatCausedThem()
    {
        var cut = RenderPage("?plan=1");
        cut.Find("#run-duration").Input("0");
        cut.Find("#run-rate").Input("-3");
        cut.Find("#run-jitter").Input("12");
        cut.Find("#run-speed-factor").Input("500");

        cut.Find("#run-start").Click();

        cut.WaitForAssertion(() => cut.Find("#run-form-error").TextContent.ShouldContain("Fix 4 problems before starting the run."));
        FieldError(cut, "run-duration").ShouldContain("The duration must be above 0");
        FieldError(cut, "run-rate").ShouldContain("The arrival rate must be above 0");
        FieldError(cut, "run-jitter").ShouldContain("jitter coefficient of variation must lie in [0, 10]");
        FieldError(cut, "run-speed-factor").ShouldContain("The real-time factor must lie in [0.1, 100]");
        Host.LiveRunIds.ShouldBeEmpty();
    }

    [Fact]
    public void AnAutoAbortThresholdAbove100PercentIsReportedOnItsField()
    {
        var cut = RenderPage();
        cut.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label!.StartsWith("Auto-abort", StringComparison.Ordinal))
            .Find("input").Change(true);
        cut.WaitForAssertion(() => cut.Find("#run-abort-rate"));
        cut.Find("#run-abort-rate").Input("150");
        cut.Find("#run-abort-window").Input("0");

        cut.Find("#run-start").Click();

        cut.WaitForAssertion(() => FieldError(cut, "run-abort-rate").ShouldContain("auto-abort success rate must lie in [0, 1]"));
        FieldError(cut, "run-abort-window").ShouldContain("auto-abort window must be above 0");
    }

    [Fact]
    public async Task AValidFormStartsTheRunAndOpensItsPage()
    {
        var cut = RenderPage();
        cut.Find("#run-seed").Input("42");
        cut.Find("#run-duration").Input("30");
        cut.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label!.StartsWith("Start paused", StringComparison.Ordinal))
            .Find("input").Change(true);

        cut.Find("#run-start").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldMatch(@"/runs/\d+$"));
        var runId = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var run = (await Services.GetRequiredService<RunStore>().GetAsync(runId, Ct))!;
        run.Seed.ShouldBe(42);
        run.Settings.DurationSeconds.ShouldBe(30);
        run.Speed.ShouldBe("realtime");
        run.Status.ShouldBe(RunStatus.Paused);
    }

    [Fact]
    public void AnUnknownPlanInTheQueryIsSaidAndAnotherPlanIsOffered()
    {
        var cut = RenderPage("?plan=999");

        cut.Find("#run-form-error").TextContent.ShouldContain("Plan 999 does not exist");
    }

    [Fact]
    public void ARealRunFromTheAddressOffersEmulationHidesSimulationOnlySettingsAndRefusesTooManyClients()
    {
        var cut = RenderPage("?plan=1&kind=real");

        cut.Find("#run-real-note").TextContent.ShouldContain("one agent process per device");
        cut.FindAll("#run-emulate").ShouldNotBeEmpty();
        cut.FindAll("#run-jitter").ShouldBeEmpty();
        cut.FindAll("#run-no-replies").ShouldBeEmpty();
        cut.FindAll("#run-speed-factor").ShouldBeEmpty();
        cut.Find("#run-real-speed").TextContent.ShouldContain("wall-clock");
        cut.Find("#run-concurrency").Input("65");
        cut.Find("#run-start").Click();

        cut.WaitForAssertion(() => FieldError(cut, "run-concurrency").ShouldContain("at most 64 requests in flight (got 65)"));
        Host.LiveRunIds.ShouldBeEmpty();
    }
}

public class NewRunPageWithoutPlansTests : RunComponentTestBase
{
    protected override bool SeedDemoContent => false;

    [Fact]
    public void WithoutPlansThePageSaysToMakeOneFirst()
    {
        var cut = Render<NewRunPage>();

        cut.WaitForAssertion(() => cut.Find("#run-no-plan").TextContent.ShouldContain("Make a plan for a fleet first"));
        cut.Find("#run-no-plan a").GetAttribute("href").ShouldBe("/plans/new");
    }

}
