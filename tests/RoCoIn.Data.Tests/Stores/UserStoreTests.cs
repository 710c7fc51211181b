using RoCoIn.Data.Stores;

namespace RoCoIn.Data.Tests.Stores;

/// <summary>Accounts (ADR-013): names unique regardless of case, field-named refusals, and always one editor left.</summary>
public sealed class UserStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private UserStore Store => _database.Users;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync(Ct);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_added_account_is_found_by_its_name_in_any_case_and_listed_without_its_hash()
    {
        var added = await Store.AddAsync("  Ada ", UserRoles.Editor, "hash-1", Ct);

        added.IsOk.ShouldBeTrue(added.Message);
        added.Value!.Name.ShouldBe("Ada");
        var found = (await Store.FindAsync("ADA", Ct)).ShouldNotBeNull();
        found.PasswordHash.ShouldBe("hash-1");
        found.Role.ShouldBe(UserRoles.Editor);
        (await Store.ListAsync(Ct)).ShouldHaveSingleItem().Name.ShouldBe("Ada");
        (await Store.FindAsync("Bob", Ct)).ShouldBeNull();
    }

    [Theory]
    [InlineData("", "editor", "name", "Give the account a name.")]
    [InlineData("ada", "admin", "role", "'admin' is not a role: use editor or viewer.")]
    [InlineData("a\tb", "viewer", "name", "control character")]
    public async Task Bad_input_is_refused_naming_the_field_and_stores_nothing(string name, string role, string field, string message)
    {
        var added = await Store.AddAsync(name, role, "hash", Ct);

        added.Status.ShouldBe(StoreStatus.Invalid);
        added.Errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
        (await Store.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_name_too_long_says_by_how_much()
    {
        var added = await Store.AddAsync(new string('x', UserStore.MaxNameLength + 3), UserRoles.Viewer, "hash", Ct);

        added.Errors.ShouldHaveSingleItem().Message.ShouldBe("The name is 67 characters long; at most 64 are allowed (3 too many).");
    }

    [Fact]
    public async Task A_second_account_with_the_same_name_in_another_case_is_refused()
    {
        await Store.AddAsync("ada", UserRoles.Editor, "hash", Ct);

        var again = await Store.AddAsync("ADA", UserRoles.Viewer, "hash", Ct);

        again.Errors.ShouldHaveSingleItem().Message.ShouldBe("An account named 'ada' already exists.");
        (await Store.CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task The_last_editor_can_be_neither_demoted_nor_removed_but_another_editor_unlocks_both()
    {
        var ada = (await Store.AddAsync("ada", UserRoles.Editor, "hash", Ct)).Value!;
        var vic = (await Store.AddAsync("vic", UserRoles.Viewer, "hash", Ct)).Value!;

        var demote = await Store.SetRoleAsync(ada.Id, UserRoles.Viewer, Ct);
        demote.Status.ShouldBe(StoreStatus.Conflict);
        demote.Message.ShouldBe("'ada' is the only editor; make another account an editor first.");
        (await Store.DeleteAsync(ada.Id, Ct)).Status.ShouldBe(StoreStatus.Conflict);
        (await Store.FindAsync("ada", Ct))!.Role.ShouldBe(UserRoles.Editor);

        (await Store.SetRoleAsync(vic.Id, UserRoles.Editor, Ct)).IsOk.ShouldBeTrue();
        (await Store.SetRoleAsync(ada.Id, UserRoles.Viewer, Ct)).IsOk.ShouldBeTrue();
        (await Store.DeleteAsync(ada.Id, Ct)).IsOk.ShouldBeTrue();
        (await Store.ListAsync(Ct)).ShouldHaveSingleItem().Name.ShouldBe("vic");
    }

    [Fact]
    public async Task Sign_ins_and_new_passwords_are_recorded_and_unknown_ids_are_not_found()
    {
        var ada = (await Store.AddAsync("ada", UserRoles.Editor, "hash-1", Ct)).Value!;

        await Store.RecordSignInAsync(ada.Id, Ct);
        (await Store.SetPasswordHashAsync(ada.Id, "hash-2", Ct)).IsOk.ShouldBeTrue();

        (await Store.ListAsync(Ct))[0].LastSignInUtc.ShouldNotBeNull();
        (await Store.FindAsync("ada", Ct))!.PasswordHash.ShouldBe("hash-2");
        (await Store.SetPasswordHashAsync(999, "x", Ct)).Status.ShouldBe(StoreStatus.NotFound);
        (await Store.SetRoleAsync(999, UserRoles.Viewer, Ct)).Status.ShouldBe(StoreStatus.NotFound);
        (await Store.DeleteAsync(999, Ct)).Status.ShouldBe(StoreStatus.NotFound);
    }
}
