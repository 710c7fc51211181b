namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>
/// A failure in effect on one or more devices (a group injection covers all its members), and its record for the run's
/// summary: it ends when the last device it covers is rid of it.
/// </summary>
internal sealed class ActiveFailure(FailureEffect effect, double start, int? deviceId, int group, string source)
{
    public FailureEffect Effect { get; } = effect;

    public FailureKind Kind => Effect.Kind;

    public double Start { get; } = start;

    public double? End { get; set; }

    public int? DeviceId { get; } = deviceId;

    public int Group { get; } = group;

    public string Source { get; } = source;

    /// <summary>Devices it still covers.</summary>
    public int Remaining { get; set; }

    /// <summary>Time to recover, once known for good (the run finished).</summary>
    public double? TimeToRecover { get; set; }

    public bool TimeToRecoverFinal { get; set; }
}
