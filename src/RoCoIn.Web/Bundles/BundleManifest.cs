namespace RoCoIn.Web.Bundles;

/// <summary>bundle.json: what the bundle is, the plan, the model set, and every other file with its hash and size.</summary>
/// <param name="Format">Always <see cref="BundleFormat.Name"/>.</param>
/// <param name="FormatVersion">Always <see cref="BundleFormat.Version"/> for bundles this studio writes.</param>
/// <param name="CreatedUtc">When the bundle was written.</param>
/// <param name="StudioVersion">The version of the studio that wrote it.</param>
/// <param name="Plan">The plan.</param>
/// <param name="ModelSet">The model set whose students the plan's groups run.</param>
/// <param name="Files">Every file of the zip except bundle.json itself.</param>
public sealed record BundleManifest(
    string Format,
    int FormatVersion,
    DateTimeOffset CreatedUtc,
    string StudioVersion,
    BundlePlan Plan,
    BundleModelSet ModelSet,
    IReadOnlyList<BundleFile> Files);
