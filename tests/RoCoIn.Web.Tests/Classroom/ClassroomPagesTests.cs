using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Web.Access;
using RoCoIn.Web.Components.Pages.Classroom;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Runs;
using RoCoIn.Web.Teaching;
using RoCoIn.Web.Tests.Components.Access;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Classroom;

/// <summary>
/// The classroom pages on the real run host: sharing from the run page, joining by code, and following read-only —
/// with every control gone and refused even for an editor, while the run's figures keep arriving.
/// </summary>
public sealed class ClassroomPagesTests : RunComponentTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Everything on the run page that changes a run or starts one.</summary>
    private static readonly string[] RunControls =
        ["#run-pause", "#run-resume", "#run-step", "#run-step-2", "#run-stop", "#run-replay", "button.run-device", "button.run-group-header"];

    public ClassroomPagesTests()
    {
        Services.AddScoped<ViewMode>();
        Services.AddSingleton<ClassroomSessions>();
        // Run pages follow runs only once interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private ClassroomSessions Sessions => Services.GetRequiredService<ClassroomSessions>();

    private ViewMode View => Services.GetRequiredService<ViewMode>();

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private string OpenCode(int runId)
    {
        var opened = Sessions.Open(runId);
        opened.IsOk.ShouldBeTrue(opened.Message);
        return opened.Value!.Code;
    }

    private IRenderedComponent<RunPage> RenderRun(int id) => Render<RunPage>(p => p.Add(x => x.Id, id));

    private IRenderedComponent<FollowPage> RenderFollow(string code) => Render<FollowPage>(p => p.Add(x => x.Code, code));

    private IRenderedComponent<JoinPage> RenderJoin(string? code = null)
    {
        Navigation.NavigateTo(code is null ? "join" : $"join?code={Uri.EscapeDataString(code)}");
        return Render<JoinPage>();
    }

    private static void Join(IRenderedComponent<JoinPage> cut, string code)
    {
        cut.Find("#join-code-input").Input(code);
        cut.Find("form").Submit();
    }

    private static string Text(string content) => Regex.Replace(content, @"\s+", " ").Trim();

    private static long Stamp<T>(IRenderedComponent<T> cut) where T : IComponent =>
        long.Parse(cut.Find("#run-update-stamp").GetAttribute("data-server-ms")!, CultureInfo.InvariantCulture);

    // ---- sharing from the run page ----

    [Fact]
    public async Task SharingALiveRunShowsItsCodeBigWithTheJoinAddressAndTheDirectLink()
    {
        var runId = await StartPausedRunAsync();
        var cut = RenderRun(runId);
        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("paused"));
        cut.FindAll("#join-code").ShouldBeEmpty();

        cut.Find("#share-class").Click();

        var code = cut.Find("#join-code-value").TextContent;
        code.ShouldBe(OpenCode(runId));   // the same run keeps the same code
        cut.Find("#join-code-value").ClassList.ShouldContain("join-code-text");
        Text(cut.Find("#join-code-instructions").TextContent).ShouldBe($"Open {Navigation.BaseUri}join and type the code");
        cut.Find("#join-code-link").GetAttribute("href").ShouldBe($"/follow/{code}");
        cut.Find("#join-code-loopback").TextContent.ShouldContain("--urls http://0.0.0.0:5077");
        cut.Find("#share-class").TextContent.ShouldBe("Hide class code");
        cut.Find("#share-class").Click();
        cut.FindAll("#join-code").ShouldBeEmpty();
    }

    [Fact]
    public async Task APresentingTeacherSharesThoughEditingIsHiddenAndTheCodeEndsWithTheRun()
    {
        var runId = await StartPausedRunAsync();
        View.Presenting = true;
        var cut = RenderRun(runId);
        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("paused"));
        Services.GetRequiredService<StudioAccess>().CanEdit.ShouldBeFalse();
        cut.ShouldHide(RunControls);

        cut.Find("#share-class").Click();
        var code = cut.Find("#join-code-value").TextContent;
        (await Host.StopAsync(runId, Ct)).IsOk.ShouldBeTrue();

        cut.WaitForAssertion(() => cut.Find("#join-code-ended").TextContent.ShouldContain("The run is over"), Wait);
        cut.FindAll("#share-class").ShouldBeEmpty();
        Sessions.Resolve(code).RunId.ShouldBeNull();
    }

    [Fact]
    public async Task AnEndedRunOffersNoSharing()
    {
        var runId = await RunToEndAsync();

        var cut = RenderRun(runId);

        cut.WaitForAssertion(() => cut.Find("#run-summary"));
        cut.FindAll("#share-class").ShouldBeEmpty();
    }

    [Fact]
    public async Task EachLiveUpdateIsStampedWithTheServerTimeItWasRendered()
    {
        var runId = await StartRunAsync(new RunStartInput
        {
            PlanId = await DemoPlanIdAsync(),
            Seed = 4,
            Speed = RunSpeed.RealTimeName,
            SpeedFactor = 20,
            Settings = new RunSettingsInput { DurationSeconds = 600, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 3 } },
        });
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var cut = RenderRun(runId);

        cut.WaitForAssertion(() => Stamp(cut).ShouldBeGreaterThanOrEqualTo(before), Wait);
        var first = Stamp(cut);
        cut.WaitForAssertion(() => Stamp(cut).ShouldBeGreaterThan(first), Wait);
        Stamp(cut).ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        cut.Find("#run-update-stamp").HasAttribute("hidden").ShouldBeTrue();
    }

    // ---- joining ----

    [Fact]
    public async Task AGoodCodeTypedAnyWayOpensTheFollowPage()
    {
        var code = OpenCode(await StartPausedRunAsync());
        var cut = RenderJoin();

        Join(cut, code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());

        Navigation.Uri.ShouldBe($"{Navigation.BaseUri}follow/{code}");
        cut.FindAll("#join-error").ShouldBeEmpty();
    }

    [Fact]
    public void AWrongCodeSaysSoNamingIt()
    {
        var cut = RenderJoin();

        Join(cut, "zzz-zzz");
        cut.Find("#join-error").TextContent.ShouldBe("No live class run has the code ZZZ-ZZZ; codes end when the run ends.");
        Join(cut, "hello");
        cut.Find("#join-error").TextContent.ShouldContain("'hello' is not a class code");
        Join(cut, "");

        cut.Find("#join-error").TextContent.ShouldStartWith("Type the class code");
        Navigation.Uri.ShouldNotContain("/follow/");
    }

    [Fact]
    public async Task ACodeWhoseRunHasEndedSaysTheRunIsOver()
    {
        var runId = await StartPausedRunAsync();
        var code = OpenCode(runId);
        (await Host.StopAsync(runId, Ct)).IsOk.ShouldBeTrue();
        var cut = RenderJoin();

        Join(cut, code);

        cut.Find("#join-error").TextContent.ShouldBe($"No live class run has the code {code}; codes end when the run ends. Run {runId} had it and is over.");
        Navigation.Uri.ShouldNotContain("/follow/");
    }

    [Fact]
    public void TheCodeInTheAddressIsTypedInAlready()
    {
        var cut = RenderJoin("k7m-q2p");

        cut.Find("#join-code-input").GetAttribute("value").ShouldBe("k7m-q2p");
    }

    // ---- following ----

    [Fact]
    public async Task AFollowerSeesTheRunWithABannerAndNoControlsEvenAsAnEditor()
    {
        var runId = await StartPausedRunAsync();
        var code = OpenCode(runId);

        var cut = RenderFollow(code.ToLowerInvariant());

        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("paused"));
        cut.Find("#following-banner").TextContent.Trim().ShouldBe($"Following run {runId} with code {code} — read only");
        View.FollowingRunId.ShouldBe(runId);
        Services.GetRequiredService<StudioAccess>().CanEdit.ShouldBeFalse();
        cut.ShouldHide(RunControls);
        cut.FindAll("#share-class, #join-code").ShouldBeEmpty();
        cut.Find("#run-title").TextContent.ShouldBe($"Run #{runId}");
        cut.FindAll(".run-device").ShouldNotBeEmpty();   // the devices, shown but not clickable
        cut.Find("#run-charts").ShouldNotBeNull();
        cut.Find("#run-events").ShouldNotBeNull();
    }

    [Fact]
    public async Task AFollowerSeesTheRunMoveAndEndWithItsSummary()
    {
        var runId = await StartRunAsync(new RunStartInput
        {
            PlanId = await DemoPlanIdAsync(),
            Seed = 9,
            Speed = RunSpeed.RealTimeName,
            SpeedFactor = 50,
            Settings = new RunSettingsInput { DurationSeconds = 600, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 3 } },
        });
        var cut = RenderFollow(OpenCode(runId));
        cut.WaitForAssertion(() => cut.Find("#run-chart-latency").GetAttribute("data-points").ShouldNotBe("0"), Wait);
        var points = int.Parse(cut.Find("#run-chart-latency").GetAttribute("data-points")!, CultureInfo.InvariantCulture);
        cut.WaitForAssertion(() =>
            int.Parse(cut.Find("#run-chart-latency").GetAttribute("data-points")!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(points), Wait);

        (await Host.StopAsync(runId, Ct)).IsOk.ShouldBeTrue();

        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("stopped"), Wait);
        cut.WaitForAssertion(() => cut.Find("#run-summary"), Wait);
        cut.Find("#following-banner").ShouldNotBeNull();
        cut.ShouldHide(RunControls);
    }

    [Fact]
    public async Task AFollowersHandlersChangeNothingEvenIfReachedAndSayWhy()
    {
        var runId = await StartPausedRunAsync();
        // Rendered with their controls before the tab began to follow; a denied click re-renders a page without them.
        var stepPage = RenderRun(runId);
        var stopPage = RenderRun(runId);
        stepPage.WaitForAssertion(() => stepPage.Find("#run-step"));
        stopPage.WaitForAssertion(() => stopPage.Find("#run-stop"));
        View.FollowingRunId = runId;

        stepPage.Find("#run-step").Click();
        stopPage.Find("#run-stop").Click();

        Host.IsLive(runId).ShouldBeTrue();
        (await Host.GetLiveAsync(runId, Ct))!.Snapshot.Sent.ShouldBe(0);
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).ShouldContain(StudioAccess.FollowerMessage);
        stopPage.ShouldHide(RunControls);
    }

    [Fact]
    public void ACodeThatLeadsNowhereSaysWhyAndLinksToJoin()
    {
        var cut = RenderFollow("zzz-zzz");

        cut.Find("#follow-error").TextContent.ShouldContain("No live class run has the code ZZZ-ZZZ; codes end when the run ends.");
        cut.Find("#follow-join-link").GetAttribute("href").ShouldBe("/join");
        cut.FindAll("#following-banner").ShouldBeEmpty();
        View.FollowingRunId.ShouldBeNull();
    }
}
