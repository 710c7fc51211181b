namespace RoCoIn.Web.Bundles;

/// <summary>How to start the device's agent.</summary>
/// <param name="Command">The command line, with <see cref="BundleFormat.StudioUrlPlaceholder"/> and <see cref="BundleFormat.TokenPlaceholder"/> to fill in.</param>
/// <param name="Placeholders">What each placeholder stands for.</param>
public sealed record DeviceManifestAgent(string Command, IReadOnlyDictionary<string, string> Placeholders)
{
    /// <summary>What the placeholders of every agent command stand for.</summary>
    public static IReadOnlyDictionary<string, string> PlaceholderMeanings { get; } = new Dictionary<string, string>
    {
        [BundleFormat.StudioUrlPlaceholder] = "The studio's address as this device reaches it, e.g. http://192.168.1.10:5077. The studio listens on "
            + "loopback by default; start it with --urls on an address the devices can reach.",
        [BundleFormat.TokenPlaceholder] = "The agent token issued for this device on the studio's Agents page (Tokens for remote agents → Issue token; "
            + "it is shown once). Leave --token out to read it from the ROCOIN_AGENT_TOKEN environment variable instead.",
    };

    /// <summary>The agent command for <paramref name="device"/> (quoted for a POSIX shell when it needs to be).</summary>
    public static DeviceManifestAgent For(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceManifestAgent(
            $"RoCoIn.Agent --studio {BundleFormat.StudioUrlPlaceholder} --device {ShellWord(device)} --token {BundleFormat.TokenPlaceholder}",
            PlaceholderMeanings);
    }

    private static string ShellWord(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
