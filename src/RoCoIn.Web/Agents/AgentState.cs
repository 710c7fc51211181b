namespace RoCoIn.Web.Agents;

/// <summary>Where an agent is in its life, as the studio sees it.</summary>
public enum AgentState
{
    /// <summary>Registered; measuring its throughput.</summary>
    Connecting,
    /// <summary>Connected, measured, and no model assigned.</summary>
    Idle,
    /// <summary>Downloading, verifying or loading its assigned model.</summary>
    LoadingModel,
    /// <summary>Serving its assigned model.</summary>
    Ready,
    /// <summary>Connected but not answering: a stall was ordered, or heartbeats stopped.</summary>
    Stalled,
    /// <summary>The agent refused its assigned model (hash mismatch, download or load failure).</summary>
    ModelRejected,
    /// <summary>Not connected.</summary>
    Down,
}
