using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Agents;

/// <summary>
/// Decides whether an agent's hello may speak for a device: protocol version first (nothing else can be trusted
/// otherwise), then the device, then its token. A refusal says why in words the agent logs.
/// </summary>
public sealed class AgentAuthenticator(AgentTokenStore tokens)
{
    /// <summary>The device and the id of the token that proved it, or the refusal to send back.</summary>
    public async Task<(AgentRegistration? Refusal, DeviceProfile? Device, int? TokenId)> AuthenticateAsync(AgentHello? hello, CancellationToken cancellationToken)
    {
        if (hello is null || Longer(hello.Device) || Longer(hello.AgentVersion) || Longer(hello.Machine) || Longer(hello.Token))
            return (Refuse(AgentRefusalCodes.MalformedHello, $"The hello is missing, or a field is longer than {AgentProtocol.MaxTextLength} characters."), null, null);
        if (hello.ProtocolVersion != AgentProtocol.Version)
        {
            return (Refuse(AgentRefusalCodes.UnsupportedProtocol,
                Text($"The agent speaks protocol version {hello.ProtocolVersion}; this studio speaks version {AgentProtocol.Version}. Use an agent built with this studio.")), null, null);
        }
        if (string.IsNullOrWhiteSpace(hello.Device))
            return (Refuse(AgentRefusalCodes.NoDevice, "No device name was given (--device NAME)."), null, null);
        var name = hello.Device;
        if (string.IsNullOrEmpty(hello.Token))
        {
            // Checked before the device, so an agent without a token learns nothing about the studio's devices.
            return (Refuse(AgentRefusalCodes.NoToken,
                $"No token was given for device '{name}'. Issue one for the device and pass it with --token or {AgentProtocol.TokenVariable}."), null, null);
        }
        var verdict = await tokens.VerifyAsync(name, hello.Token, cancellationToken);
        return verdict.Check switch
        {
            AgentTokenCheck.Valid => (null, verdict.Device, verdict.TokenId),
            AgentTokenCheck.UnknownDevice => (Refuse(AgentRefusalCodes.UnknownDevice,
                $"The studio has no device named '{name}'. Add it on the Devices page, or check --device."), null, null),
            AgentTokenCheck.Revoked => (Refuse(AgentRefusalCodes.RevokedToken, $"The token for device '{name}' was revoked; issue a new one."), null, null),
            AgentTokenCheck.OtherDevice => (Refuse(AgentRefusalCodes.OtherDevice, $"The token was issued for another device, not '{name}'."), null, null),
            AgentTokenCheck.Missing => (Refuse(AgentRefusalCodes.NoToken, $"No token was given for device '{name}'."), null, null),
            _ => (Refuse(AgentRefusalCodes.InvalidToken, $"The token for device '{name}' is not valid (unknown, mistyped, or from another studio)."), null, null),
        };
    }

    private static AgentRegistration Refuse(string code, string reason) =>
        new(false, code, reason, AgentProtocol.Version, 0, null, null, false, 0, null);

    private static bool Longer(string? text) => text is { Length: > AgentProtocol.MaxTextLength };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
