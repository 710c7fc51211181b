using System.Globalization;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Simulation;

/// <summary>How a simulated run is driven. Together with the plan snapshot, the scenario and the recorded injections,
/// these settings reproduce a run exactly.</summary>
public sealed record SimulationSettings
{
    /// <summary>Most simulated seconds a run may cover (a week): per-second aggregates stay bounded.</summary>
    public const double MaxDurationSeconds = 7 * 24 * 3600;

    /// <summary>Highest Poisson rate accepted, requests per simulated second.</summary>
    public const double MaxRatePerSecond = 1e7;

    /// <summary>Most closed-loop clients.</summary>
    public const int MaxConcurrency = 100_000;

    /// <summary>The arrival process; default Poisson at 20 requests/s.</summary>
    public ArrivalSettings Arrivals { get; init; } = new();

    /// <summary>Simulated seconds to run; default 60.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>Stop after this many requests were sent, or null for no limit besides the duration.</summary>
    public long? MaxRequests { get; init; }

    /// <summary>Strict or degraded, or null for the plan's mode.</summary>
    public FailureMode? Mode { get; init; }

    /// <summary>
    /// Coefficient of variation of a log-normal, mean-1 multiplier on each compute time; 0 (the default) is no jitter,
    /// the closed form's case.
    /// </summary>
    public double JitterCoefficient { get; init; }

    /// <summary>Whether each device drops each request with its p_n; default true.</summary>
    public bool NoReplies { get; init; } = true;

    /// <summary>Whether devices with MTBF/MTTR crash and recover by themselves (exponential up and down times); default false.</summary>
    public bool CrashProcesses { get; init; }

    /// <summary>Seed of every random draw of the run.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Stop the run when the success rate falls too low, or null.</summary>
    public AutoAbortRule? AutoAbort { get; init; }

    /// <summary>Every problem with these settings, by camelCase field; empty when they are valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        void Error(string field, string message) => errors.Add(new FieldError(field, message));

        if (Arrivals is null)
            Error("arrivals", "The arrival process is required.");
        else if (!Enum.IsDefined(Arrivals.Kind))
            Error("arrivals.kind", Text($"The arrival kind must be Poisson or ClosedLoop; got {(int)Arrivals.Kind}."));
        else if (Arrivals.Kind == ArrivalKind.Poisson && !(Arrivals.RatePerSecond is > 0 and <= MaxRatePerSecond))
            Error("arrivals.ratePerSecond", Text($"The arrival rate must be above 0 and at most {MaxRatePerSecond:G} requests/s; got {Arrivals.RatePerSecond}."));
        else if (Arrivals.Kind == ArrivalKind.ClosedLoop && Arrivals.Concurrency is < 1 or > MaxConcurrency)
            Error("arrivals.concurrency", Text($"The concurrency must be 1 to {MaxConcurrency}; got {Arrivals.Concurrency}."));
        if (!(DurationSeconds is > 0 and <= MaxDurationSeconds))
            Error("durationSeconds", Text($"The duration must be above 0 and at most {MaxDurationSeconds} simulated seconds (a week); got {DurationSeconds}."));
        if (MaxRequests is < 1)
            Error("maxRequests", Text($"The request limit must be at least 1, or left out; got {MaxRequests}."));
        if (Mode is { } mode && !Enum.IsDefined(mode))
            Error("mode", Text($"The mode must be Strict or Degraded; got {(int)mode}."));
        if (!(JitterCoefficient is >= 0 and <= 10))
            Error("jitterCoefficient", Text($"The jitter coefficient of variation must lie in [0, 10]; got {JitterCoefficient}."));
        if (AutoAbort is { } rule)
        {
            if (!(rule.MinSuccessRate is >= 0 and <= 1))
                Error("autoAbort.minSuccessRate", Text($"The auto-abort success rate must lie in [0, 1]; got {rule.MinSuccessRate}."));
            if (!(rule.WindowSeconds is > 0 and <= MaxDurationSeconds))
                Error("autoAbort.windowSeconds", Text($"The auto-abort window must be above 0 simulated seconds; got {rule.WindowSeconds}."));
        }
        return errors;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
