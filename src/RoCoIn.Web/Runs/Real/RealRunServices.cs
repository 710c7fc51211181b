using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Coordination;

namespace RoCoIn.Web.Runs.Real;

/// <summary>
/// What a real run reaches beyond the run host: the preparer that brings the local fleet up, the fleet itself for
/// crashes and restarts, the agent registry for orders and state, and the wall clock (real runs are measured in real
/// time even when tests drive simulated runs with a manual clock).
/// </summary>
public sealed class RealRunServices(PlanStore plans, ModelSetStore modelSets, RealRunPreparer preparer, LocalFleet fleet, AgentRegistry registry)
{
    internal PlanStore Plans { get; } = plans;
    internal ModelSetStore ModelSets { get; } = modelSets;
    internal RealRunPreparer Preparer { get; } = preparer;
    internal LocalFleet Fleet { get; } = fleet;
    internal AgentRegistry Registry { get; } = registry;
    internal TimeProvider WallClock { get; } = TimeProvider.System;

    /// <summary>How long a recovered agent may take to serve again before the run logs that it did not.</summary>
    internal static TimeSpan RecoverTimeout { get; } = TimeSpan.FromSeconds(60);
}
