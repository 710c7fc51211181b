namespace RoCoIn.Web.Agents;

/// <summary>The "RoCoIn:Agents" configuration section: the agent hub's timings and limits, and the local fleet.</summary>
public sealed class AgentsOptions
{
    public const string Section = "RoCoIn:Agents";

    /// <summary>Path of RoCoIn.Agent.dll; empty to find it in the build output (artifacts/bin/RoCoIn.Agent).</summary>
    public string ProgramPath { get; set; } = "";

    /// <summary>The address local agents connect to; empty for the studio's own first http address.</summary>
    public string StudioUrl { get; set; } = "";

    /// <summary>How often the hub pings agents.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An agent silent this long is disconnected (a hung process shows down within it).</summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest message an agent may send, bytes; larger ones close that agent's connection.</summary>
    public long MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>A connection that has not registered by then is closed.</summary>
    public TimeSpan RegistrationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often agents send heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A connected agent without a heartbeat for this long is shown stalled.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Length of the throughput benchmark local agents run, seconds.</summary>
    public double BenchmarkSeconds { get; set; } = 0.5;

    /// <summary>ONNX Runtime threads per local agent.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Recent log lines kept per local agent process.</summary>
    public int LogLines { get; set; } = 40;
}
