using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>One measured line of a live chart: a value of each second.</summary>
public sealed record RunChartSeries(string Name, string Colour, Func<TimelinePoint, double?> Value);

/// <summary>A dashed horizontal line: the closed form's prediction of the charted figure.</summary>
public sealed record RunChartReference(string Name, double Value, string Colour);

/// <summary>
/// One live chart of a run: its measured lines, the predictions drawn as reference lines, and — when the figure is
/// not measured — why, instead of a chart. <see cref="Traces"/>, <see cref="Layout"/> and <see cref="Extension"/> turn
/// the run's <see cref="RunTimeline"/> into Plotly objects.
/// </summary>
public sealed record RunChartSpec(
    string Id,
    string Title,
    string YTitle,
    IReadOnlyList<RunChartSeries> Series,
    IReadOnlyList<RunChartReference> References,
    double? YMax,
    string? Unavailable)
{
    public const string XTitle = "Run time (s), by second of arrival";

    /// <summary>Latency, throughput, success rate, accuracy and the share within L_obj, in that order.</summary>
    /// <param name="measuresAccuracy">Whether the plan has a model set.</param>
    /// <param name="prediction">The closed form for the run, or null when there is none.</param>
    /// <param name="objectiveSeconds">L_obj, for the last chart's title.</param>
    public static IReadOnlyList<RunChartSpec> For(bool measuresAccuracy, RunPrediction? prediction, double objectiveSeconds)
    {
        var metrics = prediction?.Metrics;
        var latencyRefs = new List<RunChartReference>();
        if (metrics?.P50Seconds is { } p50)
            latencyRefs.Add(new("p50 predicted", p50 * 1e3, Palette.Colour(0)));
        if (metrics?.P95Seconds is { } p95)
            latencyRefs.Add(new("p95 predicted", p95 * 1e3, Palette.Colour(1)));
        if (metrics?.P99Seconds is { } p99)
            latencyRefs.Add(new("p99 predicted", p99 * 1e3, Palette.Colour(3)));
        return
        [
            new("run-chart-latency", "Latency of served requests (per second)", "latency (ms)",
            [
                new("p50", Palette.Colour(0), p => p.P50Ms),
                new("p95", Palette.Colour(1), p => p.P95Ms),
                new("p99", Palette.Colour(3), p => p.P99Ms),
            ], latencyRefs, null, null),
            new("run-chart-throughput", "Throughput", "requests per second (req/s)",
            [
                new("served/s", Palette.Colour(2), p => p.ServedPerSecond),
                new("sent/s", Palette.Colour(4), p => p.SentPerSecond),
            ], [], null, null),
            new("run-chart-success", "Success rate (served / sent)", "success rate (%)",
                [new("success rate", Palette.Colour(2), p => p.SuccessPercent)],
                metrics is null ? [] : [new("R predicted", metrics.Reliability * 100, Palette.Colour(2))], 105, null),
            new("run-chart-accuracy", "Accuracy of served requests", "accuracy (%)",
                [new("accuracy", Palette.Colour(0), p => p.AccuracyPercent)],
                prediction?.ExpectedAccuracy is { } expected ? [new("expected accuracy", expected * 100, Palette.Colour(0))] : [], 105,
                measuresAccuracy ? null : "Not measured: no model set. Distil this plan's students to measure accuracy under failures."),
            new("run-chart-within", $"Share of served requests within L_obj = {RunFormat.Ms(objectiveSeconds)}", "within L_obj (%)",
                [new("within L_obj", Palette.Colour(1), p => p.WithinObjectivePercent)],
                metrics is null ? [] : [new("predicted share", metrics.WithinObjectiveShare * 100, Palette.Colour(1))], 105, null),
        ];
    }

    /// <summary>The measured lines over <paramref name="points"/>; a second without a value is a gap.</summary>
    public IList<ITrace> Traces(IReadOnlyList<TimelinePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Series.Select(s => (ITrace)new Scatter
        {
            Name = s.Name,
            Mode = ModeFlag.Lines,
            X = points.Select(p => (object)p.Second).ToList(),
            Y = points.Select(p => (object?)s.Value(p)).ToList()!,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = s.Colour, Width = 2 },
        }).ToList();
    }

    /// <summary>The x and y arrays and trace indices for Plotly's extendTraces with <paramref name="points"/>.</summary>
    public (IReadOnlyList<IEnumerable<object>> X, IReadOnlyList<IEnumerable<object>> Y, int[] Indices) Extension(IReadOnlyList<TimelinePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var x = points.Select(p => (object)p.Second).ToArray();
        return (Series.Select(_ => (IEnumerable<object>)x).ToList(),
            Series.Select(s => (IEnumerable<object>)points.Select(p => (object?)s.Value(p)).ToArray()!).ToList(),
            Enumerable.Range(0, Series.Count).ToArray());
    }

    /// <summary>Reference lines across the whole width, then one vertical line per marker.</summary>
    public List<Shape> Shapes(IReadOnlyList<TimelineMarker> markers, bool dark)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var shapes = References.Select(r => new Shape
        {
            Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
            XRef = "paper",
            YRef = "y",
            X0 = 0,
            X1 = 1,
            Y0 = r.Value,
            Y1 = r.Value,
            Name = r.Name,
            ShowLegend = true,
            Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = r.Colour, Dash = "dash", Width = 1.5m },
        }).ToList();
        var shown = new HashSet<TimelineMarkerKind>();
        foreach (var marker in markers)
        {
            var (name, colour, dash) = marker.Kind switch
            {
                TimelineMarkerKind.Failure => ("failure starts", DeviceStateView.Vermillion, "dot"),
                TimelineMarkerKind.Recovery => ("failure ends", DeviceStateView.Green, "dot"),
                _ => ("run stopped early", dark ? "#e0e0e0" : "#424242", "solid"),
            };
            shapes.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                XRef = "x",
                YRef = "paper",
                X0 = marker.AtSeconds,
                X1 = marker.AtSeconds,
                Y0 = 0,
                Y1 = 1,
                Name = name,
                LegendGroup = name,
                ShowLegend = shown.Add(marker.Kind),
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = colour, Dash = dash, Width = 1.5m },
            });
        }
        return shapes;
    }

    /// <summary>The chart's layout: theme-aware text and grid, axis titles with units, markers and reference lines.</summary>
    public Plotly.Blazor.Layout Layout(IReadOnlyList<TimelineMarker> markers, bool dark, int height)
    {
        var text = dark ? "#e0e0e0" : "#424242";
        var grid = dark ? "rgba(255,255,255,0.12)" : "rgba(0,0,0,0.10)";
        return new Plotly.Blazor.Layout
        {
            Height = height,
            Font = new Font { Color = text },
            Margin = new Margin { L = 60, R = 20, T = 40, B = 50 },
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = XTitle }, GridColor = grid, ZeroLine = false }],
            YAxis = [new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = YTitle },
                GridColor = grid,
                Range = YMax is { } max ? [0, max] : null,
                RangeMode = YMax is null ? Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero : null,
            }],
            ShowLegend = true,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
            Shapes = Shapes(markers, dark),
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
        };
    }
}
