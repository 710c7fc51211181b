namespace RoCoIn.Engine.Simulation;

/// <summary>How requests arrive.</summary>
public enum ArrivalKind
{
    /// <summary>An open stream: exponential gaps at <see cref="ArrivalSettings.RatePerSecond"/>.</summary>
    Poisson,

    /// <summary>A closed loop: <see cref="ArrivalSettings.Concurrency"/> clients, each sending its next request as soon as its last one completed (served or failed at the deadline).</summary>
    ClosedLoop,
}

/// <summary>The request arrival process of a run.</summary>
/// <param name="Kind">Poisson or closed loop.</param>
/// <param name="RatePerSecond">λ for Poisson arrivals, requests per simulated second.</param>
/// <param name="Concurrency">Clients in a closed loop (1 = one request in the system at a time, the closed form's case).</param>
public sealed record ArrivalSettings(ArrivalKind Kind = ArrivalKind.Poisson, double RatePerSecond = 20, int Concurrency = 1);
