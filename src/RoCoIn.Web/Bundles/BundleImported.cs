namespace RoCoIn.Web.Bundles;

/// <summary>What an import made.</summary>
/// <param name="PlanId">The new plan.</param>
/// <param name="PlanName">Its name (the bundle's, with " (imported)" when the name was taken).</param>
/// <param name="ModelSetId">The new model set, linked to the plan (its PlanId).</param>
/// <param name="ModelSetName">Its name.</param>
/// <param name="ModelFilesAdded">Model files copied into the models folder.</param>
/// <param name="ModelFilesKept">Model files the models folder already held, byte for byte.</param>
public sealed record BundleImported(int PlanId, string PlanName, int ModelSetId, string ModelSetName, int ModelFilesAdded, int ModelFilesKept);
