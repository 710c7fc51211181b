using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Configurations;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Stores;

/// <summary>
/// Per-device agent tokens (ADR-008). A token reads "rca1.&lt;id&gt;.&lt;secret&gt;": the id finds the row, the 256-bit
/// secret is checked against SHA-256(salt ‖ secret) in constant time. Secrets are never stored or logged.
/// </summary>
public sealed class AgentTokenStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    /// <summary>The first part of every token, so a pasted token is recognisable.</summary>
    public const string Prefix = "rca1";

    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    /// <summary>Issues a new token for <paramref name="deviceId"/>; other tokens of the device stay valid.</summary>
    public async Task<StoreResult<IssuedAgentToken>> IssueAsync(int deviceId, string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Devices.AnyAsync(d => d.Id == deviceId, cancellationToken))
            return StoreResult<IssuedAgentToken>.NotFound(Text($"Device {deviceId} does not exist."));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var row = new AgentTokenRow
        {
            DeviceId = deviceId,
            Label = label.Length > AgentTokenRowConfiguration.MaxLabelLength ? label[..AgentTokenRowConfiguration.MaxLabelLength] : label,
            Salt = salt,
            Hash = HashOf(salt, secret),
            CreatedUtc = time.GetUtcNow(),
        };
        db.AgentTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<IssuedAgentToken>.Ok(new IssuedAgentToken(row.Id, deviceId, row.Label, Text($"{Prefix}.{row.Id}.{secret}"), row.CreatedUtc));
    }

    /// <summary>Revokes one token; revoking it again is harmless.</summary>
    public async Task<StoreResult<int>> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var found = await db.AgentTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, t => t.RevokedUtc ?? now), cancellationToken);
        return found == 1 ? StoreResult<int>.Ok(id) : StoreResult<int>.NotFound(Text($"Agent token {id} does not exist."));
    }

    /// <summary>Revokes every live token with <paramref name="label"/>; returns how many.</summary>
    public async Task<int> RevokeLabelledAsync(string label, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.AgentTokens.Where(t => t.Label == label && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken);
    }

    /// <summary>Tokens, newest first, optionally of one device.</summary>
    public async Task<IReadOnlyList<AgentTokenSummary>> ListAsync(int? deviceId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.AgentTokens.AsNoTracking();
        if (deviceId is { } id)
            rows = rows.Where(t => t.DeviceId == id);
        return await rows.OrderByDescending(t => t.Id)
            .Select(t => new AgentTokenSummary(t.Id, t.DeviceId, t.Label, t.CreatedUtc, t.LastUsedUtc, t.RevokedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Checks that <paramref name="token"/> speaks for the device named <paramref name="deviceName"/>.</summary>
    public async Task<AgentTokenVerdict> VerifyAsync(string deviceName, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // NOCASE folds ASCII only; the final comparison is .NET's, as elsewhere in the stores.
        var device = (await db.Devices.AsNoTracking().Where(d => d.Name == deviceName).ToListAsync(cancellationToken))
            .FirstOrDefault(d => string.Equals(d.Name, deviceName, StringComparison.OrdinalIgnoreCase));
        if (device is null)
            return new AgentTokenVerdict(AgentTokenCheck.UnknownDevice, null, null);
        var (check, row) = await CheckAsync(db, token, cancellationToken);
        if (row is null || check != AgentTokenCheck.Valid)
            return new AgentTokenVerdict(check, device, row?.Id);
        if (row.DeviceId != device.Id)
            return new AgentTokenVerdict(AgentTokenCheck.OtherDevice, device, row.Id);
        await TouchAsync(db, row.Id, cancellationToken);
        return new AgentTokenVerdict(AgentTokenCheck.Valid, device, row.Id);
    }

    /// <summary>Checks <paramref name="token"/> alone; a valid verdict carries the token's device.</summary>
    public async Task<AgentTokenVerdict> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (check, row) = await CheckAsync(db, token, cancellationToken);
        if (row is null || check != AgentTokenCheck.Valid)
            return new AgentTokenVerdict(check, null, row?.Id);
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == row.DeviceId, cancellationToken);
        return new AgentTokenVerdict(device is null ? AgentTokenCheck.Invalid : AgentTokenCheck.Valid, device, row.Id);
    }

    private static async Task<(AgentTokenCheck Check, AgentTokenRow? Row)> CheckAsync(RoCoInDbContext db, string? token,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
            return (AgentTokenCheck.Missing, null);
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || parts[2].Length is 0 or > 100)
            return (AgentTokenCheck.Invalid, null);
        var row = await db.AgentTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null || !CryptographicOperations.FixedTimeEquals(row.Hash, HashOf(row.Salt, parts[2])))
            return (AgentTokenCheck.Invalid, null);
        return (row.RevokedUtc is null ? AgentTokenCheck.Valid : AgentTokenCheck.Revoked, row);
    }

    private async Task TouchAsync(RoCoInDbContext db, int id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.AgentTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), cancellationToken);
    }

    private static byte[] HashOf(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var buffer = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(buffer, 0);
        secretBytes.CopyTo(buffer, salt.Length);
        return SHA256.HashData(buffer);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
