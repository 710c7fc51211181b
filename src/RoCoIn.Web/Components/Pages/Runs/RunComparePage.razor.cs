using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Api;
using RoCoIn.Web.Runs;
using Palette = RoCoIn.Web.Components.Shared.Palette;

namespace RoCoIn.Web.Components.Pages.Runs;

/// <summary>
/// Two or more ended runs side by side (/runs/compare?ids=1,2,3): their per-second success rate, p95 and throughput
/// overlaid, one Okabe–Ito colour per run, and their summaries in one table; exported as CSV or JSON.
/// </summary>
public sealed partial class RunComparePage
{
    /// <summary>Most points per line; longer runs are drawn in windows of whole seconds.</summary>
    public const int MaxPoints = 1500;

    /// <summary>
    /// Most seconds (all runs together) in a file made on the page; beyond, the JSON leaves them out and each run's
    /// seconds come from GET /api/runs/{id}/export?format=csv.
    /// </summary>
    public const int MaxExportSeconds = 100_000;

    private const int ReadChunk = 20_000;

    private readonly List<BreadcrumbItem> _crumbs = [new("Runs", "/runs"), new("Compare", null, disabled: true)];
    private List<ComparedRun> _runs = [];
    private List<string> _errors = [];
    private List<MetricRow> _rows = [];
    private List<string> _notes = [];
    private IReadOnlyList<RunCompareChart.CompareLine> _success = [];
    private IReadOnlyList<RunCompareChart.CompareLine> _p95 = [];
    private IReadOnlyList<RunCompareChart.CompareLine> _throughput = [];
    private int _window = 1;
    private string _windowText = "per second";
    private bool _loaded;

    [Inject] private RunStore Store { get; set; } = default!;
    [Inject] private RunHost Host { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>Comma-separated run ids, e.g. "1,2,3".</summary>
    [SupplyParameterFromQuery(Name = "ids")] public string? Ids { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loaded = false;
        _runs = [];
        _errors = [];
        var (ids, errors) = ParseIds(Ids);
        var found = new List<SavedRun>();
        if (errors.Count == 0)
        {
            foreach (var id in ids)
            {
                var run = await Store.GetAsync(id);
                if (run is null)
                    errors.Add($"Run {id} does not exist.");
                else if (run.Status.IsLive() || Host.IsLive(id))
                    errors.Add($"Run {id} {RunStore.Describe(run.Status)}; compare it once it has ended.");
                else
                    found.Add(run);
            }
        }
        _errors = errors;
        if (_errors.Count == 0)
        {
            // One window size for every run, so their points line up; a week-long run is folded chunk by chunk.
            var longest = found.Max(r => Math.Max(r.SecondsStored, (int)Math.Ceiling(r.Summary?.SimulatedSeconds ?? 0)));
            _window = Math.Max(1, (longest + MaxPoints - 1) / MaxPoints);
            foreach (var run in found)
                _runs.Add(new ComparedRun(_runs.Count, run, await WindowsAsync(run, _window)));
            Build();
        }
        _loaded = true;
    }

    /// <summary>The run's stored seconds summed over windows of <paramref name="size"/> seconds, read a chunk at a time.</summary>
    private async Task<IReadOnlyList<Window>> WindowsAsync(SavedRun run, int size)
    {
        var windows = new List<Window>();
        var read = 0;
        for (var from = 0; read < run.SecondsStored && from <= SimulationSettings.MaxDurationSeconds; from += ReadChunk)
        {
            var chunk = await Store.GetSecondsAsync(run.Id, from, from + ReadChunk - 1);
            read += chunk.Count;
            foreach (var second in chunk)
            {
                var start = second.Second / size * size;
                if (windows.Count == 0 || windows[^1].StartSecond != start)
                    windows.Add(new Window(start));
                windows[^1].Add(second);
            }
        }
        return windows;
    }

    /// <summary>The distinct run ids in <paramref name="text"/>, or what is wrong with it.</summary>
    internal static (List<int> Ids, List<string> Errors) ParseIds(string? text)
    {
        var ids = new List<int>();
        var errors = new List<string>();
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                errors.Add($"'{(part.Length <= 20 ? part : part[..20] + "…")}' is not a run id; ids are whole numbers from 1.");
            else if (!ids.Contains(id))
                ids.Add(id);
        }
        if (errors.Count > 0)
            return (ids, errors);
        if (ids.Count < 2)
        {
            errors.Add(ids.Count == 0
                ? "No runs were given: pick at least two ended runs on the Runs page (the checkboxes), then Compare."
                : $"Only one run was given (#{ids[0]}); a comparison needs at least two different runs.");
        }
        else if (ids.Count > RunsPage.MaxCompare)
        {
            errors.Add($"{ids.Count} runs were given; at most {RunsPage.MaxCompare} can be compared at once (one colour each).");
        }
        return (ids, errors);
    }

    private void Build()
    {
        _windowText = _window == 1 ? "per second" : $"per {_window} s window";
        _success = _runs.Select(r => Series(r, w => w.Sent == 0 ? null : 100.0 * w.Served / w.Sent)).ToList();
        _p95 = _runs.Select(r => Series(r, w => w.MaxP95Seconds * 1e3)).ToList();
        _throughput = _runs.Select(r => Series(r, w => (double)w.Served / w.Seconds)).ToList();
        _rows = Rows(_runs);
        // The engine's notes, each once, naming the runs it concerns.
        _notes = _runs.Where(r => r.Run.Summary is null)
            .Select(r => $"Run #{r.Run.Id} {RunStore.Describe(r.Run.Status)} and has no summary; its seconds are drawn as far as they were stored.")
            .Concat(_runs.SelectMany(r => (r.Run.Summary?.Notes ?? []).Select(n => (r.Run.Id, Note: n)))
                .GroupBy(x => x.Note)
                .Select(g => $"{(g.Count() == 1 ? "Run" : "Runs")} {string.Join(", ", g.Select(x => $"#{x.Id}"))}: {g.Key}"))
            .ToList();
    }

    private static RunCompareChart.CompareLine Series(ComparedRun run, Func<Window, double?> value)
    {
        var x = new List<double>(run.Windows.Count);
        var y = new List<double?>(run.Windows.Count);
        foreach (var window in run.Windows)
        {
            x.Add(window.StartSecond);
            y.Add(value(window) is { } v && double.IsFinite(v) ? v : null);
        }
        // Short names in the charts' legends; the legend above the table names plan and scenario in the same colours.
        return new RunCompareChart.CompareLine($"#{run.Run.Id}", run.Index, x, y);
    }

    private static List<MetricRow> Rows(IReadOnlyList<ComparedRun> runs)
    {
        string Cell(ComparedRun r, Func<RunSummary, string?> f) => r.Run.Summary is { } s ? f(s) ?? "—" : "—";
        MetricRow Row(string key, string label, Func<ComparedRun, string> value, bool sub = false) =>
            new(key, label, runs.Select(value).ToList(), sub);
        MetricRow SummaryRow(string key, string label, Func<RunSummary, string?> value, bool sub = false) =>
            Row(key, label, r => Cell(r, value), sub);

        return
        [
            Row("plan", "Plan", r => r.Run.PlanName),
            Row("strategy", "Strategy", r => r.Run.Strategy),
            Row("scenario", "Scenario", r => r.Run.ScenarioName ?? "none"),
            Row("seed", "Seed", r => r.Run.Seed.ToString(CultureInfo.InvariantCulture)),
            Row("status", "Status", r => RunsPage.StatusName(r.Run.Status)),
            Row("arrivals", "Arrivals", r => Arrivals(r.Run.Settings.Arrivals)),
            Row("mode", "Failure mode", r => (r.Run.Settings.Mode ?? r.Run.Topology.Mode).ToString().ToLowerInvariant()),
            SummaryRow("simulated", "Simulated time", s => SiFormat.Duration(s.SimulatedSeconds)),
            SummaryRow("sent", "Requests sent", s => s.Sent.ToString("N0", CultureInfo.InvariantCulture)),
            SummaryRow("served", "Requests served", s => s.Served.ToString("N0", CultureInfo.InvariantCulture)),
            SummaryRow("success", "Success rate (served / sent)", s => Percent(s.SuccessRate)),
            SummaryRow("predicted-r", "R, closed-form prediction", s => Percent(s.Prediction.Reliability), sub: true),
            SummaryRow("throughput", "Throughput", s => $"{s.ThroughputPerSecond.ToString("0.##", CultureInfo.InvariantCulture)} requests/s"),
            SummaryRow("mean", "Mean latency of served", s => Duration(s.MeanLatencySeconds)),
            SummaryRow("p50", "p50 of served", s => Duration(s.P50Seconds)),
            SummaryRow("p95", "p95 of served", s => Duration(s.P95Seconds)),
            SummaryRow("predicted-p95", "p95, closed-form prediction", s => Duration(s.Prediction.P95Seconds), sub: true),
            SummaryRow("p99", "p99 of served", s => Duration(s.P99Seconds)),
            SummaryRow("accuracy", "Accuracy of served", s => s.Accuracy is { } a ? Percent(a) : "not measured"),
            SummaryRow("within", "Within L_obj (share of served)", s => s.WithinObjectiveShare is { } w ? Percent(w) : "—"),
            SummaryRow("resilience", "Resilience score", s => s.Resilience is { } x ? SiFormat.Number(Math.Round(x.Score, 4)) : "not measured"),
            SummaryRow("resilience-success", "× success rate", s => s.Resilience is { } x ? Percent(x.SuccessRate) : "—", sub: true),
            SummaryRow("resilience-accuracy", "× accuracy / teacher accuracy", s => s.Resilience is { } x ? SiFormat.Number(Math.Round(x.AccuracyRatio, 4)) : "—", sub: true),
            SummaryRow("resilience-within", "× share within L_obj", s => s.Resilience is { } x ? Percent(x.WithinObjectiveShare) : "—", sub: true),
            SummaryRow("failures", "Failures", s => s.Failures.Count.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private static string Swatch(ComparedRun run) => $"background:{Palette.Colour(run.Index)}";

    private static string Arrivals(ArrivalSettings arrivals) => arrivals.Kind == ArrivalKind.Poisson
        ? $"Poisson, {SiFormat.Number(arrivals.RatePerSecond)} requests/s"
        : $"closed loop, {arrivals.Concurrency.ToString(CultureInfo.InvariantCulture)} clients";

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Duration(double? seconds) => seconds is { } s ? SiFormat.Duration(s) : "—";

    /// <summary>Whether every run's seconds fit one file made on the page (see <see cref="MaxExportSeconds"/>).</summary>
    private bool SecondsExportable => _runs.Sum(r => (long)r.Run.SecondsStored) <= MaxExportSeconds;

    private Task ExportCsvAsync() =>
        JS.InvokeVoidAsync("rocoinDownload", $"{FileStem}-summary.csv", "text/csv", SummaryCsv(_runs.Select(r => r.Run).ToList())).AsTask();

    private async Task ExportSecondsCsvAsync()
    {
        if (!SecondsExportable)
            return;
        var text = SecondsCsv(await SecondsOfAsync());
        await JS.InvokeVoidAsync("rocoinDownload", $"{FileStem}-seconds.csv", "text/csv", text);
    }

    private async Task ExportJsonAsync()
    {
        var seconds = SecondsExportable ? await SecondsOfAsync() : _runs.Select(r => (r.Run, (IReadOnlyList<SecondAggregate>)[])).ToList();
        await JS.InvokeVoidAsync("rocoinDownload", $"{FileStem}.json", "application/json", Json(seconds, SecondsExportable));
    }

    private async Task<List<(SavedRun Run, IReadOnlyList<SecondAggregate> Seconds)>> SecondsOfAsync()
    {
        var result = new List<(SavedRun, IReadOnlyList<SecondAggregate>)>();
        foreach (var r in _runs)
            result.Add((r.Run, await Store.GetSecondsAsync(r.Run.Id)));
        return result;
    }

    private string FileStem => "runs-" + string.Join('-', _runs.Select(r => r.Run.Id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Column names of the summary CSV: one row per run, SI units in the names (ADR-003).</summary>
    internal static readonly string[] SummaryColumns =
    [
        "run_id", "plan_id", "plan_name", "strategy", "scenario", "seed", "status", "simulated_s", "sent", "served", "success_rate",
        "predicted_reliability", "throughput_per_s", "mean_s", "p50_s", "p95_s", "predicted_p95_s", "p99_s", "accuracy",
        "within_objective_share", "resilience_score", "resilience_success_rate", "resilience_accuracy_ratio",
        "resilience_within_objective_share", "failures",
    ];

    internal static string SummaryCsv(IReadOnlyList<SavedRun> runs)
    {
        var text = new StringBuilder().Append(string.Join(',', SummaryColumns)).Append('\n');
        foreach (var run in runs)
        {
            var s = run.Summary;
            string?[] cells =
            [
                Int(run.Id), Int(run.PlanId), run.PlanName, run.Strategy, run.ScenarioName ?? "", run.Seed.ToString(CultureInfo.InvariantCulture),
                RunsPage.StatusName(run.Status), Num(s?.SimulatedSeconds), s?.Sent.ToString(CultureInfo.InvariantCulture),
                s?.Served.ToString(CultureInfo.InvariantCulture), Num(s?.SuccessRate), Num(s?.Prediction.Reliability), Num(s?.ThroughputPerSecond),
                Num(s?.MeanLatencySeconds), Num(s?.P50Seconds), Num(s?.P95Seconds), Num(s?.Prediction.P95Seconds), Num(s?.P99Seconds),
                Num(s?.Accuracy), Num(s?.WithinObjectiveShare), Num(s?.Resilience?.Score), Num(s?.Resilience?.SuccessRate),
                Num(s?.Resilience?.AccuracyRatio), Num(s?.Resilience?.WithinObjectiveShare), s?.Failures.Count.ToString(CultureInfo.InvariantCulture),
            ];
            text.Append(string.Join(',', cells.Select(c => Quote(c ?? "")))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Every run's seconds in one long table: run_id, then <see cref="RunExport.CsvColumns"/>.</summary>
    internal static string SecondsCsv(IReadOnlyList<(SavedRun Run, IReadOnlyList<SecondAggregate> Seconds)> runs)
    {
        var text = new StringBuilder().Append("run_id,").Append(string.Join(',', RunExport.CsvColumns)).Append('\n');
        foreach (var (run, seconds) in runs)
        {
            var id = Int(run.Id);
            foreach (var line in RunExport.Csv(seconds).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                text.Append(id).Append(',').Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Each run's full export document (inputs, summary, seconds, histogram, events) in one file; without the seconds
    /// when <paramref name="withSeconds"/> is false (too many for a file made on the page).
    /// </summary>
    internal static string Json(IReadOnlyList<(SavedRun Run, IReadOnlyList<SecondAggregate> Seconds)> runs, bool withSeconds)
    {
        var list = new JsonArray();
        foreach (var (run, seconds) in runs)
            list.Add(JsonNode.Parse(RunExport.Json(run, seconds)));
        var document = new JsonObject
        {
            ["format"] = "rocoin-run-comparison",
            ["version"] = 1,
            ["runIds"] = new JsonArray([.. runs.Select(r => (JsonNode?)JsonValue.Create(r.Run.Id))]),
            ["secondsIncluded"] = withSeconds,
            ["runs"] = list,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Shortest round-trip text, as the run export writes numbers; empty for "none".
    private static string Num(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A run on the page: its colour index, the stored run and its seconds summed over the page's windows.</summary>
    internal sealed record ComparedRun(int Index, SavedRun Run, IReadOnlyList<Window> Windows)
    {
        /// <summary>"#12 · plan · scenario", as the legend and the charts name it.</summary>
        public string Label => $"#{Run.Id} · {Run.PlanName} · {Run.ScenarioName ?? "no scenario"}";
    }

    /// <summary>One row of the table: a metric and its value per run, as shown (units included).</summary>
    private sealed record MetricRow(string Key, string Label, IReadOnlyList<string> Values, bool Sub);

    /// <summary>Seconds [start, start + size) of one run summed; p95 is the highest per-second p95 among them.</summary>
    internal sealed class Window(int startSecond)
    {
        public int StartSecond { get; } = startSecond;
        public int Seconds { get; private set; }
        public long Sent { get; private set; }
        public long Served { get; private set; }
        public double? MaxP95Seconds { get; private set; }

        public void Add(SecondAggregate second)
        {
            Seconds++;
            Sent += second.Sent;
            Served += second.Served;
            if (second.P95Seconds is { } p && (MaxP95Seconds is null || p > MaxP95Seconds))
                MaxP95Seconds = p;
        }
    }
}
