using RoCoIn.Engine.Coordination;
using RoCoIn.Web.Agents;

namespace RoCoIn.Web.Coordination;

/// <summary>The coordinator's members are the agents the registry knows: unavailable agents map to <see cref="MemberUnavailableException"/>.</summary>
public sealed class AgentMemberClient(AgentRegistry registry) : IMemberClient
{
    /// <inheritdoc />
    public async Task<float[]> InferAsync(int deviceId, long requestId, byte[] pixels, CancellationToken ct)
    {
        try
        {
            return await registry.InferAsync(deviceId, requestId, pixels, ct);
        }
        catch (AgentUnavailableException ex)
        {
            throw new MemberUnavailableException(ex.Message, ex);
        }
    }

    /// <summary>Whether the device's agent is ready now.</summary>
    public bool IsLive(int deviceId) => registry.Live([deviceId]).Count > 0;
}
