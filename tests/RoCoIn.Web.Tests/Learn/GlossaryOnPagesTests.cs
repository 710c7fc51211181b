using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Pages.Distillation;
using RoCoIn.Web.Components.Pages.Plans;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Components.Shared.Runs;
using RoCoIn.Web.Learn;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>
/// The pages that show a glossary term link it to its entry with the formula in a tooltip, and the text a reader (or
/// another test) sees stays what it was.
/// </summary>
public class GlossaryOnPagesTests : RunComponentTestBase
{
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public GlossaryOnPagesTests()
    {
        Services.AddRoCoInPlanning();
        _popovers = Render<MudPopoverProvider>();
    }

    /// <summary>
    /// Within <paramref name="scope"/> a link to the entry of <paramref name="key"/> shows <paramref name="text"/>, and
    /// hovering it shows the entry's name and formula as Glossary.cs writes them.
    /// </summary>
    private void ShouldExplain<TComponent>(IRenderedComponent<TComponent> cut, string scope, string key, string text)
        where TComponent : IComponent
    {
        var entry = Glossary.Find(key).ShouldNotBeNull(key);
        var links = cut.FindAll($"{scope} a.glossary-term[href='{entry.Href}']");
        var link = links.FirstOrDefault(a => a.TextContent.Trim() == text)
            .ShouldNotBeNull($"{scope} has no link to {entry.Href} reading '{text}' (found: {string.Join(", ", links.Select(a => a.TextContent.Trim()))})");

        link.Closest(".mud-tooltip-root")!.TriggerEvent("onpointerenter", new PointerEventArgs());

        _popovers.WaitForAssertion(() => _popovers.FindAll($".glossary-tooltip[data-term='{entry.Key}']")
            .ShouldContain(t => t.InnerHtml.Contains(entry.FormulaHtml, StringComparison.Ordinal) && t.TextContent.StartsWith(entry.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThePlanPageExplainsItsSettingsGroupsTopologyAndComparisonHeaders()
    {
        var settings = (await Services.GetRequiredService<PlanStore>().GetAsync(1, Ct)).ShouldNotBeNull().Document.Settings;

        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.Find("#plan-comparison"));
        cut.FindAll("#plan-comparison thead th").Select(th => th.TextContent).ShouldBe(
        [
            "Strategy", "K", "Devices used", "E[T | served]", "p50", "p95", "p99", "R (served)", "Within L_obj", "J = E[min(T, τ)]",
            "Expected accuracy", "Memory headroom", "Constraints",
        ]);
        ShouldExplain(cut, "#plan-comparison thead", "K", "K");
        ShouldExplain(cut, "#plan-comparison thead", "ET", "E[T | served]");
        ShouldExplain(cut, "#plan-comparison thead", "p99", "p99");
        ShouldExplain(cut, "#plan-comparison thead", "R", "R");
        ShouldExplain(cut, "#plan-comparison thead", "Lobj", "L_obj");
        ShouldExplain(cut, "#plan-comparison thead", "J", "J = E[min(T, τ)]");
        ShouldExplain(cut, "#plan-settings", "tau", "τ");
        ShouldExplain(cut, "#plan-settings", "Lobj", "L_obj");
        ShouldExplain(cut, "#plan-settings", "R", "R_min");
        ShouldExplain(cut, "#plan-settings", settings.Mode.ToString(), settings.Mode.ToString());
        ShouldExplain(cut, "#plan-groups thead", "dk", "d_k");
        ShouldExplain(cut, "#plan-topology", "K", "K");
        ShouldExplain(cut, "#plan-topology", "dk", "dk");
        cut.Find("#plan-topology .topology-legend").TextContent.ShouldContain($"K = {cut.FindAll("#plan-topology .topology-group").Count} groups");
    }

    [Fact]
    public void ThePlanSettingsChipNamesTheObjectivesTerm()
    {
        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.Find("#plan-settings"));
        var objective = cut.FindAll("#plan-settings .mud-chip").Single(c => c.TextContent.Trim().StartsWith("objective: ", StringComparison.Ordinal));
        var link = objective.QuerySelector("a.glossary-term").ShouldNotBeNull();
        var name = objective.TextContent.Trim()["objective: ".Length..];
        link.TextContent.Trim().ShouldBe(name);
        link.GetAttribute("href").ShouldBe(name switch
        {
            "J = E[min(T, τ)]" => "/learn/glossary#term-j",
            "E[T | served]" => "/learn/glossary#term-et",
            "p99 of served" => "/learn/glossary#term-p99",
            _ => "/learn/glossary#term-r",
        });
    }

    [Fact]
    public void TheNewPlanPageExplainsTheTermsOfItsFieldsAndKeepsTheirIds()
    {
        var cut = Render<NewPlanPage>();

        cut.WaitForAssertion(() => cut.Find("#plan-run"));
        foreach (var id in new[] { "plan-deadline", "plan-objective-ms", "plan-rmin", "plan-accuracy", "plan-seed", "plan-name" })
            cut.Find($"#{id}").TagName.ShouldBe("INPUT");
        ShouldExplain(cut, "#plan-deadline-terms", "tau", "τ");
        ShouldExplain(cut, "#plan-objective-ms-terms", "Lobj", "Lobj");
        ShouldExplain(cut, "#plan-rmin-terms", "R", "R");
        ShouldExplain(cut, "#plan-objective-terms", "J", "J");
        ShouldExplain(cut, "#plan-objective-terms", "ET", "E[T | served]");
        ShouldExplain(cut, "#plan-objective-terms", "p99", "p99");
        ShouldExplain(cut, "#plan-mode-terms", "strict", "strict");
        ShouldExplain(cut, "#plan-mode-terms", "degraded", "degraded");
        string.Join(' ', cut.Find("#plan-mode-terms").TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).ShouldBe("Glossary: strict · degraded");
    }

    [Fact]
    public void ComparingPlansExplainsTheRowLabelsAndKeepsTheirText()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/plans/compare?a=1&b=1");
        var cut = Render<ComparePlansPage>();

        cut.WaitForAssertion(() => cut.Find("#compare-metrics"));
        cut.FindAll("#compare-metrics tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(
            ["Fleet", "τ", "R_min", "Objective · mode · seed", "Devices (snapshot)", "Groups", "E[T | served]", "p99 of served", "R", "J"]);
        ShouldExplain(cut, "#compare-metrics", "tau", "τ");
        ShouldExplain(cut, "#compare-metrics", "R", "R_min");
        ShouldExplain(cut, "#compare-metrics", "K", "Groups");
        ShouldExplain(cut, "#compare-metrics", "ET", "E[T | served]");
        ShouldExplain(cut, "#compare-metrics", "p99", "p99 of served");
        ShouldExplain(cut, "#compare-metrics", "R", "R");
        ShouldExplain(cut, "#compare-metrics", "J", "J");
    }

    [Fact]
    public void ARunSummaryExplainsItsFiguresAndKeepsItsLabels()
    {
        var topology = RunTopologies.TwoByTwo(withAccuracy: true);
        var simulator = new Simulator(topology, new SimulationSettings { DurationSeconds = 10, Seed = 4 }, null, []);
        simulator.RunToEnd(CancellationToken.None);

        var cut = Render<RunSummaryView>(p => p
            .Add(x => x.Summary, simulator.Result().Summary)
            .Add(x => x.Topology, topology)
            .Add(x => x.ObjectiveSeconds, 0.05));

        ShouldExplain(cut, ".run-summary", "R", "Success rate (served / sent)");
        ShouldExplain(cut, ".run-summary", "ET", "Mean latency of served");
        ShouldExplain(cut, ".run-summary", "p99", "p99 of served");
        ShouldExplain(cut, ".run-summary", "Lobj", "Within L_obj = 50.0 ms");
        ShouldExplain(cut, "#run-comparison", "R", "Success rate / R");
        ShouldExplain(cut, "#run-comparison", "ET", "Mean latency of served");
        ShouldExplain(cut, "#run-comparison", "p99", "p99 of served");
        ShouldExplain(cut, "#run-comparison", "Lobj", "Share within L_obj");
        cut.FindAll("#run-comparison tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(
        [
            "Success rate / R", "Mean latency of served", "p50 of served", "p95 of served", "p99 of served", "Share within L_obj",
            "Accuracy of served", "Throughput",
        ]);
        cut.FindAll("#run-comparison tr[data-figure='p50'] a, #run-comparison tr[data-figure='throughput'] a").ShouldBeEmpty();
    }

    [Fact]
    public void TheNewRunPageExplainsStrictAndDegraded()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/runs/new?plan=1");
        var cut = Render<NewRunPage>();

        cut.WaitForAssertion(() => cut.Find("#run-start"));
        cut.Find("#run-mode").ShouldNotBeNull();
        ShouldExplain(cut, "#run-mode-terms", "strict", "strict");
        ShouldExplain(cut, "#run-mode-terms", "degraded", "degraded");
    }

    [Fact]
    public async Task AModelSetPageExplainsKAndThePartitionWidth()
    {
        var id = await Services.GetRequiredService<ModelSetStore>().SaveAsync("Tiny set", 1, null, TinyModelSet(), Ct);

        var cut = Render<ModelSetPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => cut.Find("#accuracy-table"));
        ShouldExplain(cut, ".mud-paper", "K", "Groups K");
        ShouldExplain(cut, "#accuracy-table thead", "dk", "Partition");
        cut.FindAll("#accuracy-table thead th").Select(th => th.TextContent).ShouldBe(
            ["Model", "Student", "Partition", "Test accuracy", "Parameters", "Compute / inference", "Memory", "ONNX"]);
    }

    private static DistillationResult TinyModelSet()
    {
        var hashA = new string('a', 64);
        var hashB = new string('b', 64);
        var hashAggregator = new string('c', 64);
        var spec = new DistillationJobSpec { OutputFolder = "/tmp/out", Partitions = [new(40, "s-mcu"), new(24, "s-mcu")], Seed = 9 };
        return new DistillationResult(
            spec,
            new DistillationDataSummary("/data", "bundled subset", 900, 100, 300),
            new DistilledTeacher("/tmp/out/teacher.dat", true, 64, 100_000, 5_000_000, 400_000, 0.875),
            [
                new DistilledStudent(0, "s-mcu", 40, [.. Enumerable.Range(0, 40)], 20_000, 1_200_000, 80_000, hashA, hashA + ".onnx", 1e-6),
                new DistilledStudent(1, "s-mcu", 24, [.. Enumerable.Range(40, 24)], 12_000, 700_000, 48_000, hashB, hashB + ".onnx", 1e-6),
            ],
            new DistilledAggregator(650, 1_280, 2_600, hashAggregator, hashAggregator + ".onnx", 1e-6),
            new Dictionary<int, double> { [1] = 0.612, [2] = 0.433, [3] = 0.801 },
            0.801, 0.5, true, 0.3,
            [new DistillationEpoch(DistillationStage.Students, 1, 1.2, 0.801, 1)],
            new DistillationDurations(1, 2, 1, 1, 3, 1, 1, 10));
    }
}
