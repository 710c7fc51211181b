namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// The device-agent protocol on /hubs/agents (MessagePack): its version, method names, refusal codes, order kinds and
/// limits. The files Hubs/Contracts/Agent*.cs are compiled into the agent as well (ADR-008), so they may use the BCL only.
/// </summary>
/// <remarks>
/// Agent → studio: <see cref="Register"/> (first, answered with an <see cref="AgentRegistration"/>), then
/// <see cref="ReportThroughput"/>, <see cref="ReportModel"/>, <see cref="Heartbeat"/> and <see cref="InferenceReply"/>.
/// Studio → agent: <see cref="AssignModel"/>, <see cref="Infer"/>, <see cref="CancelInference"/> and <see cref="Order"/>.
/// </remarks>
public static class AgentProtocol
{
    /// <summary>The protocol version this build speaks; a studio refuses any other.</summary>
    public const int Version = 1;

    /// <summary>Where the hub is mapped.</summary>
    public const string HubPath = "/hubs/agents";

    /// <summary>The environment variable an agent reads its token from when --token is not given (the local fleet uses it,
    /// so tokens stay out of the process list).</summary>
    public const string TokenVariable = "ROCOIN_AGENT_TOKEN";

    /// <summary>Where agents download assigned models: GET {path}/{sha256}.onnx with "Authorization: Bearer &lt;token&gt;".</summary>
    public const string ModelsPath = "/api/agents/models";

    // Agent → studio.
    public const string Register = nameof(Register);
    public const string ReportThroughput = nameof(ReportThroughput);
    public const string ReportModel = nameof(ReportModel);
    public const string Heartbeat = nameof(Heartbeat);
    public const string InferenceReply = nameof(InferenceReply);

    // Studio → agent.
    public const string AssignModel = nameof(AssignModel);
    public const string Infer = nameof(Infer);
    public const string CancelInference = nameof(CancelInference);
    public const string Order = nameof(Order);

    /// <summary>Largest text field (device name, version, reason) the studio accepts, in characters.</summary>
    public const int MaxTextLength = 500;

    /// <summary>Largest feature vector an agent may return.</summary>
    public const int MaxFeatures = 4096;

    /// <summary>Largest input (uint8 pixels) the studio sends.</summary>
    public const int MaxPixels = 65_536;
}
