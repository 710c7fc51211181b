using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>The five live charts of a run, fed by a <see cref="RunTimeline"/> the page keeps adding to.</summary>
public sealed partial class RunCharts
{
    /// <summary>The seconds and markers to draw; the page appends to it and re-renders.</summary>
    [Parameter, EditorRequired] public RunTimeline Timeline { get; set; } = default!;

    /// <summary>The closed form for the run, drawn as reference lines; null draws none.</summary>
    [Parameter] public RunPrediction? Prediction { get; set; }

    /// <summary>L_obj, seconds.</summary>
    [Parameter] public double ObjectiveSeconds { get; set; }

    [Parameter] public string? Id { get; set; }

    [Parameter] public int Height { get; set; } = 300;

    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private List<ChartState> _charts = [];
    private int _version;
    private bool? _builtDark;
    private RunPrediction? _builtPrediction;
    private RunTimeline? _builtTimeline;
    private long _drawn;
    private int _drawnMarkers;
    private bool _justBuilt;

    protected override void OnParametersSet()
    {
        if (_builtDark == DarkMode && ReferenceEquals(_builtPrediction, Prediction) && ReferenceEquals(_builtTimeline, Timeline))
            return;
        _builtDark = DarkMode;
        _builtPrediction = Prediction;
        _builtTimeline = Timeline;
        _charts = RunChartSpec.For(Timeline.MeasuresAccuracy, Prediction, ObjectiveSeconds)
            .Select(spec => new ChartState(spec, spec.Traces(Timeline.Points), spec.Layout(Timeline.Markers, DarkMode, Height)))
            .ToList();
        _drawn = Timeline.Appended;
        _drawnMarkers = Timeline.MarkerVersion;
        _justBuilt = true;
        _version++;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A chart just (re-)created draws itself from its data; extending it before its first plot would race it.
        if (_justBuilt)
        {
            _justBuilt = false;
            return;
        }
        try
        {
            if (Timeline.Appended > _drawn)
            {
                var points = Timeline.Since(_drawn);
                _drawn = Timeline.Appended;
                foreach (var chart in _charts.Where(c => c.Chart is not null))
                {
                    var (x, y, indices) = chart.Spec.Extension(points);
                    await chart.Chart!.ExtendTraces(x, y, indices, Timeline.MaxPoints);
                }
            }
            if (Timeline.MarkerVersion != _drawnMarkers)
            {
                _drawnMarkers = Timeline.MarkerVersion;
                foreach (var chart in _charts.Where(c => c.Chart is not null))
                {
                    chart.Layout.Shapes = chart.Spec.Shapes(Timeline.Markers, DarkMode);
                    await chart.Chart!.Relayout();
                }
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser went away; nothing left to draw on.
        }
    }

    private sealed class ChartState(RunChartSpec spec, IList<ITrace> data, Plotly.Blazor.Layout layout)
    {
        public RunChartSpec Spec { get; } = spec;
        public IList<ITrace> Data { get; } = data;
        public Plotly.Blazor.Layout Layout { get; } = layout;
        public PlotlyChart? Chart { get; set; }
    }
}
