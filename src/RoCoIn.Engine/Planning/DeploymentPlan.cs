using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Planning;

/// <summary>A complete grouping with its closed-form metrics: the RoCoIn plan or one of the baselines.</summary>
/// <param name="Strategy">"RoCoIn" or the baseline's name (rocoin-model.md §8).</param>
/// <param name="Groups">The groups, by partition index.</param>
/// <param name="UnusedDeviceIds">Devices left out (too small, too slow or not worth it).</param>
/// <param name="Metrics">Closed-form metrics at the plan's settings.</param>
/// <param name="MemoryHeadroomBytes">Smallest M_n − m_k over used devices; negative would mean a device cannot hold its student.</param>
/// <param name="AccuracyPrior">Width-weighted catalogue prior of the students: an assumption for the accuracy floor, not a measurement.</param>
/// <param name="MeetsConstraints">Whether R ≥ R_min, memory fits and the accuracy floor holds.</param>
/// <param name="Notes">Why the plan looks the way it does or which constraint it breaks, in words.</param>
public sealed record DeploymentPlan(
    string Strategy,
    IReadOnlyList<PlanGroup> Groups,
    IReadOnlyList<int> UnusedDeviceIds,
    PlanMetrics Metrics,
    long MemoryHeadroomBytes,
    double AccuracyPrior,
    bool MeetsConstraints,
    string Notes);
