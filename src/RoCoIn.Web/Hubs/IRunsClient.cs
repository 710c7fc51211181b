using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Hubs;

/// <summary>What <see cref="RunsHub"/> sends to its clients.</summary>
public interface IRunsClient
{
    /// <summary>
    /// A run's news: first, on joining, its state (<see cref="RunUpdateMessage.IsInitial"/>); then every update of the
    /// run — state changes at once, the rest at most a few times a second (RoCoIn:Runs:UpdateInterval).
    /// </summary>
    Task RunUpdated(RunUpdateMessage message);
}
