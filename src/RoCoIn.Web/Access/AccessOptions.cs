using Microsoft.Extensions.Options;

namespace RoCoIn.Web.Access;

/// <summary>Whether callers must sign in (ADR-013).</summary>
public enum AccessMode
{
    /// <summary>Sign-in is required as soon as the studio listens on any address beyond loopback.</summary>
    Auto,
    /// <summary>Nobody signs in; every caller is an editor (the loopback default).</summary>
    Open,
    /// <summary>Every caller signs in, wherever the studio listens.</summary>
    Login,
}

/// <summary>The "RoCoIn:Access" section.</summary>
public sealed class AccessOptions
{
    public const string Section = "RoCoIn:Access";

    /// <summary>The minimum password length for every account, the configured admin's included.</summary>
    public const int MinPasswordLength = 8;

    public AccessMode Mode { get; set; } = AccessMode.Auto;

    /// <summary>Name of the editor created on the first start that finds no account.</summary>
    public string? AdminUser { get; set; }

    /// <summary>That editor's password (give it through the environment or user secrets, not a committed file).</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Trust X-Forwarded-For/-Proto from a reverse proxy on this machine (loopback), so that a TLS-terminating proxy's
    /// https requests get Secure cookies.
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Reads the section, refusing a mode that is not auto, open or login with the key named.</summary>
    public static AccessOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var mode = section[nameof(Mode)];
        var options = new AccessOptions
        {
            AdminUser = section[nameof(AdminUser)],
            AdminPassword = section[nameof(AdminPassword)],
            ForwardedHeaders = bool.TryParse(section[nameof(ForwardedHeaders)], out var forwarded) && forwarded,
        };
        if (!string.IsNullOrWhiteSpace(mode))
        {
            options.Mode = mode.Trim().ToLowerInvariant() switch
            {
                "auto" => AccessMode.Auto,
                "open" => AccessMode.Open,
                "login" => AccessMode.Login,
                _ => throw new OptionsValidationException(Section, typeof(AccessOptions),
                    [$"{Section}:{nameof(Mode)} is '{mode}': use auto (sign-in beyond loopback), open (no sign-in) or login (always sign in)."]),
            };
        }
        return options;
    }
}
