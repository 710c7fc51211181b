using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Access;
using RoCoIn.Web.Components.Pages.Accounts;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>The Accounts page: field-named refusals that store nothing, and accounts only editors manage.</summary>
public sealed class UsersPageTests : ComponentTestBase
{
    private UserStore Users => Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task A_short_password_is_refused_under_its_field_and_no_account_is_stored()
    {
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => cut.Find("#users-empty"));

        cut.Find("#user-name").Change("vic");
        cut.Find("#user-password").Change("short");
        cut.Find("#add-user-button").Click();

        cut.WaitForAssertion(() => cut.Find("#add-user").TextContent.ShouldContain("The password has 5 characters; at least 8 are required (3 more)."));
        (await Users.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_name_is_refused_and_a_good_account_is_listed_with_its_role()
    {
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => cut.Find("#add-user"));

        cut.Find("#user-password").Change("long enough");
        cut.Find("#add-user-button").Click();
        cut.WaitForAssertion(() => cut.Find("#add-user").TextContent.ShouldContain("Give the account a name."));
        (await Users.CountAsync(Ct)).ShouldBe(0);

        cut.Find("#user-name").Change("vic");
        cut.Find("#user-password").Change("long enough");
        cut.Find("#add-user-button").Click();

        cut.WaitForAssertion(() => cut.Find(".user-row[data-user='vic']").TextContent.ShouldContain("never"));
        (await Users.FindAsync("vic", Ct)).ShouldNotBeNull().Role.ShouldBe(UserRoles.Viewer);
    }

    [Fact]
    public async Task Removing_the_only_editor_is_refused_with_the_reason()
    {
        await Services.GetRequiredService<UserAccounts>().CreateAsync("ada", UserRoles.Editor, "long enough", Ct);
        var dialogs = RenderDialogProvider();
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => cut.Find(".user-row[data-user='ada']"));

        cut.Find(".user-row[data-user='ada'] .delete-user").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").ShouldContain(b => b.TextContent.Trim() == "Remove"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .ShouldContain("'ada' is the only editor; make another account an editor first."));
        (await Users.CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task A_viewer_sees_no_accounts_and_no_form()
    {
        await Services.GetRequiredService<UserAccounts>().CreateAsync("ada", UserRoles.Editor, "long enough", Ct);
        SignInAs(TestPrincipals.Viewer);

        var cut = Render<UsersPage>();

        cut.Find("#users-viewer").TextContent.ShouldContain("Only editors manage accounts");
        cut.ShouldHide("#add-user", "#users-table", ".user-row");
    }
}
