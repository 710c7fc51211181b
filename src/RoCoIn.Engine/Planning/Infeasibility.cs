namespace RoCoIn.Engine.Planning;

/// <summary>Why no plan meets the constraints, for which devices, by how much, and what would make it feasible.</summary>
/// <param name="Constraint">The constraint that fails: "devices", "memory", "deadline", "reliability" or "accuracy".</param>
/// <param name="Explanation">What fails, with figures.</param>
/// <param name="Suggestions">Changes that would make planning feasible.</param>
public sealed record Infeasibility(string Constraint, string Explanation, IReadOnlyList<string> Suggestions);
