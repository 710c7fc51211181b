using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>
/// The closed form (rocoin-model.md §3, one isolated request) for a run's plan, mode and settings, as the engine
/// computes it for the run's summary; drawn as reference lines and set beside the measured figures.
/// </summary>
/// <param name="Metrics">R, mean and percentiles of served requests, share within L_obj.</param>
/// <param name="ExpectedAccuracy">§6's expected accuracy of served requests, or null without a model set.</param>
public sealed record RunPrediction(PlanMetrics Metrics, double? ExpectedAccuracy)
{
    /// <summary>From an ended run's summary (the figures it was stored with).</summary>
    public static RunPrediction From(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Prediction, summary.ExpectedAccuracy);
    }

    /// <summary>
    /// For a run without a summary yet (live, failed or interrupted): a simulator is set up for the same topology and
    /// settings, not run, and its summary's prediction read, so the figures are exactly those the run will end with.
    /// Null when the engine refuses the inputs.
    /// </summary>
    public static RunPrediction? For(SimulationTopology topology, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return From(new Simulator(topology, settings).Result().Summary);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
