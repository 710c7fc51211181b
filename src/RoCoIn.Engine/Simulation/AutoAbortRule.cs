namespace RoCoIn.Engine.Simulation;

/// <summary>Stop a run when its success rate over the last <see cref="WindowSeconds"/> falls below <see cref="MinSuccessRate"/>.</summary>
/// <param name="MinSuccessRate">x in [0, 1].</param>
/// <param name="WindowSeconds">y &gt; 0, simulated seconds; the rule is checked once a full window has passed.</param>
public sealed record AutoAbortRule(double MinSuccessRate, double WindowSeconds);
