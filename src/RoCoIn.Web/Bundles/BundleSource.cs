using RoCoIn.Data.Stores;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Bundles;

/// <summary>What a bundle is written from: a saved plan, its RoCoIn grouping, and the model set whose students its groups run.</summary>
public sealed record BundleSource(SavedPlan Plan, DeploymentPlan Grouping, SavedModelSet ModelSet);
