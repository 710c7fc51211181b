using System.IO.Compression;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Bundles;

/// <summary>A bundle that passed every check: its manifest, the plan document and model set it carries, and its model files.</summary>
/// <param name="Manifest">bundle.json.</param>
/// <param name="Document">The plan document.</param>
/// <param name="Result">The model set's distillation result.</param>
/// <param name="Models">The zip entry of every model of the set, by SHA-256 (each checked against its hash).</param>
public sealed record ValidatedBundle(BundleManifest Manifest, PlanDocument Document, DistillationResult Result,
    IReadOnlyDictionary<string, ZipArchiveEntry> Models);
