namespace RoCoIn.Engine.Evaluation;

/// <summary>A step of the response-time CDF: P(T ≤ <see cref="Seconds"/>) = <see cref="Probability"/> (of all requests).</summary>
public sealed record CdfPoint(double Seconds, double Probability);
