using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Access;

/// <summary>
/// Once the server listens (only then are its addresses known), says how the studio is protected, and stops it when
/// sign-in is required but no account exists: nobody could use it, and open access is no fallback beyond loopback.
/// </summary>
internal sealed partial class AccessStartupCheck(IHostApplicationLifetime lifetime, AccessPolicy policy, UserStore users, ILogger<AccessStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = CheckAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckAsync()
    {
        try
        {
            if (!policy.RequiresLogin)
            {
                if (policy.Mode == AccessMode.Open && policy.ListensBeyondLoopback)
                    LogOpenBeyondLoopback(logger);
                return;
            }
            if (await users.CountAsync(lifetime.ApplicationStopping) > 0)
            {
                LogSignInRequired(logger, policy.Mode);
                return;
            }
            LogNoAccount(logger, policy.Mode);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException)
        {
            // Stopping anyway.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "RoCoIn:Access:Mode is open and the studio listens beyond loopback: anyone who reaches it can change anything.")]
    private static partial void LogOpenBeyondLoopback(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in is required (RoCoIn:Access:Mode {Mode}).")]
    private static partial void LogSignInRequired(ILogger logger, AccessMode mode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Sign-in is required (RoCoIn:Access:Mode {Mode}) but there is no account. Set " +
        "RoCoIn:Access:AdminUser and RoCoIn:Access:AdminPassword (e.g. environment RoCoIn__Access__AdminUser and RoCoIn__Access__AdminPassword) " +
        "and start again. Stopping.")]
    private static partial void LogNoAccount(ILogger logger, AccessMode mode);
}
