using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Data.Stores;

/// <summary>
/// Accounts for signing in (ADR-013). The store keeps names, roles and password hashes; hashing and checking passwords
/// is the web layer's (ASP.NET Core's PasswordHasher). The last editor can be neither removed nor demoted, so the
/// studio always has someone who can manage it.
/// </summary>
public sealed class UserStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    public const int MaxNameLength = 64;

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(cancellationToken);
    }

    /// <summary>Accounts ordered by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking()
            .Select(u => new UserSummary(u.Id, u.Name, u.Role, u.CreatedUtc, u.LastSignInUtc)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The account named <paramref name="name"/> (case-insensitive), or null.</summary>
    public async Task<UserCredentials?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Users.AsNoTracking().Where(u => u.Name == name).ToListAsync(cancellationToken);
        var row = candidates.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
        return row is null ? null : new UserCredentials(row.Id, row.Name, row.Role, row.PasswordHash);
    }

    /// <summary>Adds an account; the name must be new and the role one of <see cref="UserRoles.All"/>.</summary>
    public async Task<StoreResult<UserSummary>> AddAsync(string name, string role, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passwordHash);
        var errors = ValidateName(name).Concat(ValidateRole(role)).ToList();
        if (errors.Count > 0)
            return StoreResult<UserSummary>.Invalid(errors);
        var trimmed = name.Trim();
        if (await FindAsync(trimmed, cancellationToken) is { } existing)
            return StoreResult<UserSummary>.Invalid([new FieldError("name", Text($"An account named '{existing.Name}' already exists."))]);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new UserRow { Name = trimmed, Role = role, PasswordHash = passwordHash, CreatedUtc = time.GetUtcNow() };
        db.Users.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<UserSummary>.Ok(Summary(row));
    }

    /// <summary>Changes an account's role; refuses to demote the last editor.</summary>
    public async Task<StoreResult<UserSummary>> SetRoleAsync(int id, string role, CancellationToken cancellationToken = default)
    {
        if (ValidateRole(role) is [_, ..] errors)
            return StoreResult<UserSummary>.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<UserSummary>.NotFound(Text($"Account {id} does not exist."));
        if (row.Role == UserRoles.Editor && role != UserRoles.Editor && await IsLastEditorAsync(db, id, cancellationToken))
            return StoreResult<UserSummary>.Conflict(Text($"'{row.Name}' is the only editor; make another account an editor first."));
        row.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<UserSummary>.Ok(Summary(row));
    }

    /// <summary>Replaces an account's password hash.</summary>
    public async Task<StoreResult<UserSummary>> SetPasswordHashAsync(int id, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passwordHash);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<UserSummary>.NotFound(Text($"Account {id} does not exist."));
        row.PasswordHash = passwordHash;
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<UserSummary>.Ok(Summary(row));
    }

    /// <summary>Removes an account; refuses to remove the last editor.</summary>
    public async Task<StoreResult<int>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<int>.NotFound(Text($"Account {id} does not exist."));
        if (row.Role == UserRoles.Editor && await IsLastEditorAsync(db, id, cancellationToken))
            return StoreResult<int>.Conflict(Text($"'{row.Name}' is the only editor; make another account an editor first."));
        await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(cancellationToken);
        return StoreResult<int>.Ok(id);
    }

    /// <summary>Records a successful sign-in.</summary>
    public async Task RecordSignInAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInUtc, now), cancellationToken);
    }

    /// <summary>Checks a name as <see cref="AddAsync"/> would; the web layer shows these before hashing a password.</summary>
    public static IReadOnlyList<FieldError> ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return [new FieldError("name", "Give the account a name.")];
        if (trimmed.Length > MaxNameLength)
            return [new FieldError("name", Text($"The name is {trimmed.Length} characters long; at most {MaxNameLength} are allowed ({trimmed.Length - MaxNameLength} too many)."))];
        if (trimmed.Any(char.IsControl))
            return [new FieldError("name", "The name contains a control character.")];
        return [];
    }

    private static IReadOnlyList<FieldError> ValidateRole(string? role) => UserRoles.All.Contains(role)
        ? []
        : [new FieldError("role", Text($"'{role}' is not a role: use {string.Join(" or ", UserRoles.All)}."))];

    private static async Task<bool> IsLastEditorAsync(RoCoInDbContext db, int id, CancellationToken cancellationToken) =>
        !await db.Users.AnyAsync(u => u.Id != id && u.Role == UserRoles.Editor, cancellationToken);

    private static UserSummary Summary(UserRow row) => new(row.Id, row.Name, row.Role, row.CreatedUtc, row.LastSignInUtc);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
