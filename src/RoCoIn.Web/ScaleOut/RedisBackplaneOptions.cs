using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RoCoIn.Web.ScaleOut;

/// <summary>The "RoCoIn:Redis" section: the SignalR backplane that several studio instances share (ADR-012).</summary>
public sealed class RedisBackplaneOptions
{
    public const string Section = "RoCoIn:Redis";

    /// <summary>A StackExchange.Redis connection string ("redis1:6379,password=…"); empty turns the backplane off.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every channel the studio uses, so several studios (or other apps) can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "rocoin";

    /// <summary>The section's values when the backplane is on, else null.</summary>
    /// <exception cref="OptionsValidationException">The connection string does not parse or names no server, or the prefix is empty.</exception>
    public static RedisBackplaneOptions? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<RedisBackplaneOptions>() ?? new RedisBackplaneOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return null;
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw Refuse($"{Section}:{nameof(ConnectionString)} does not parse: {ex.Message}");
        }
        if (parsed.EndPoints.Count == 0)
            throw Refuse($"{Section}:{nameof(ConnectionString)} names no Redis server: give host:port, e.g. \"redis1:6379\".");
        if (string.IsNullOrWhiteSpace(options.ChannelPrefix))
            throw Refuse($"{Section}:{nameof(ChannelPrefix)} must not be empty.");
        return options;
    }

    private static OptionsValidationException Refuse(string message) => new(Section, typeof(RedisBackplaneOptions), [message]);
}
