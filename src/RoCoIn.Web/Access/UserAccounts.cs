using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Access;

/// <summary>
/// Accounts with passwords: hashing (ASP.NET Core's PasswordHasher, PBKDF2), sign-in checks, and the admin created from
/// configuration on the first start that finds no account.
/// </summary>
public sealed partial class UserAccounts(UserStore users, IOptions<AccessOptions> options, ILogger<UserAccounts> logger)
{
    /// <summary>PasswordHasher only needs a type; it ignores the instance.</summary>
    private sealed class Account;

    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly Account Anyone = new();
    // Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(Anyone, "decoy password that matches nothing");

    public const string WrongCredentials = "The name or the password is wrong.";

    /// <summary>The account when <paramref name="password"/> is its password; otherwise null.</summary>
    public async Task<UserCredentials?> CheckAsync(string? name, string? password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
            return null;
        var account = await users.FindAsync(name.Trim(), cancellationToken);
        var verdict = Hasher.VerifyHashedPassword(Anyone, account?.PasswordHash ?? DecoyHash, password);
        if (account is null || verdict == PasswordVerificationResult.Failed)
            return null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await users.SetPasswordHashAsync(account.Id, Hasher.HashPassword(Anyone, password), cancellationToken);
        await users.RecordSignInAsync(account.Id, cancellationToken);
        return account;
    }

    /// <summary>Creates an account; the name, role and password are checked first and nothing is stored when one is wrong.</summary>
    public async Task<StoreResult<UserSummary>> CreateAsync(string? name, string? role, string? password, CancellationToken cancellationToken = default)
    {
        var errors = UserStore.ValidateName(name).Concat(ValidatePassword(password)).ToList();
        if (errors.Count > 0)
            return StoreResult<UserSummary>.Invalid(errors);
        return await users.AddAsync(name!, role ?? "", Hasher.HashPassword(Anyone, password!), cancellationToken);
    }

    /// <summary>Sets a new password for an account.</summary>
    public async Task<StoreResult<UserSummary>> SetPasswordAsync(int id, string? password, CancellationToken cancellationToken = default)
    {
        if (ValidatePassword(password) is [_, ..] errors)
            return StoreResult<UserSummary>.Invalid(errors);
        return await users.SetPasswordHashAsync(id, Hasher.HashPassword(Anyone, password!), cancellationToken);
    }

    /// <summary>
    /// On a studio without accounts, creates the editor named by RoCoIn:Access:AdminUser with RoCoIn:Access:AdminPassword.
    /// Returns whether one was created.
    /// </summary>
    /// <exception cref="OptionsValidationException">Only one of the two keys is set, or the password is too short.</exception>
    public async Task<bool> EnsureAdminAsync(CancellationToken cancellationToken = default)
    {
        var (user, password) = (options.Value.AdminUser, options.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(user) && string.IsNullOrEmpty(password))
            return false;
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrEmpty(password))
            throw Refuse($"Set both {AccessOptions.Section}:AdminUser and {AccessOptions.Section}:AdminPassword (one of them is empty).");
        if (await users.CountAsync(cancellationToken) > 0)
            return false;
        var created = await CreateAsync(user, UserRoles.Editor, password, cancellationToken);
        if (!created.IsOk)
            throw Refuse(string.Join(" ", created.Errors.Select(e => $"{AccessOptions.Section}:Admin{(e.Field == "name" ? "User" : "Password")}: {e.Message}")));
        LogAdminCreated(logger, created.Value!.Name);
        return true;
    }

    public static IReadOnlyList<FieldError> ValidatePassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
            return [new FieldError("password", "Give a password.")];
        if (password.Length < AccessOptions.MinPasswordLength)
            return [new FieldError("password", string.Create(CultureInfo.InvariantCulture,
                $"The password has {password.Length} characters; at least {AccessOptions.MinPasswordLength} are required ({AccessOptions.MinPasswordLength - password.Length} more)."))];
        if (password.Length > 256)
            return [new FieldError("password", string.Create(CultureInfo.InvariantCulture, $"The password has {password.Length} characters; at most 256 are allowed."))];
        return [];
    }

    private static OptionsValidationException Refuse(string message) =>
        new(AccessOptions.Section, typeof(AccessOptions), [message]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the editor account '{Name}' from RoCoIn:Access:AdminUser.")]
    private static partial void LogAdminCreated(ILogger logger, string name);
}
