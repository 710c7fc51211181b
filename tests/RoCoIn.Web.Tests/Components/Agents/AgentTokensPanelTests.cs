using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Components.Pages.Agents;

namespace RoCoIn.Web.Tests.Components.Agents;

public class AgentTokensPanelTests : ComponentTestBase
{
    public AgentTokensPanelTests()
    {
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddRoCoInAgents();
    }

    [Fact]
    public async Task AnIssuedTokenIsShownOnceWithItsCommandAndAStoredHashVerifiesIt()
    {
        var cut = Render<AgentTokensPanel>();
        cut.WaitForAssertion(() => cut.Find("#issue-token"));

        cut.Find("#issue-token").Click();

        cut.WaitForAssertion(() => cut.Find("#token-issued"));
        var token = cut.Find("#issued-token").TextContent.Trim();
        token.ShouldStartWith(AgentTokenStore.Prefix);
        cut.Find("#issued-command").TextContent.ShouldContain($"--token {token}");
        cut.FindAll("#tokens-table .token-row").Count.ShouldBe(1);
        cut.Find("#tokens-table").TextContent.ShouldNotContain(token);
        cut.Find(".token-state").TextContent.ShouldBe("active");
        var device = (await Services.GetRequiredService<DeviceStore>().ListAsync(Ct)).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).First();
        (await Services.GetRequiredService<AgentTokenStore>().VerifyAsync(device.Name, token, Ct)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void RevokingMarksTheTokenRevokedAndHidesTheShownSecret()
    {
        var cut = Render<AgentTokensPanel>();
        cut.WaitForAssertion(() => cut.Find("#issue-token"));
        cut.Find("#issue-token").Click();
        cut.WaitForAssertion(() => cut.Find("#token-issued"));

        cut.Find(".revoke-token").Click();

        cut.WaitForAssertion(() => cut.Find(".token-state").TextContent.ShouldStartWith("revoked"));
        cut.FindAll("#token-issued").ShouldBeEmpty();
        cut.FindAll(".revoke-token").ShouldBeEmpty();
    }

    [Fact]
    public void ATooLongLabelIsReportedOnItsFieldAndIssuesNothing()
    {
        var cut = Render<AgentTokensPanel>();
        cut.WaitForAssertion(() => cut.Find("#issue-token"));
        cut.Find("#token-label").Change(new string('x', AgentTokenAdmin.MaxLabelLength + 1));

        cut.Find("#issue-token").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain($"at most {AgentTokenAdmin.MaxLabelLength} characters"));
        cut.FindAll("#token-issued").ShouldBeEmpty();
        cut.FindAll("#tokens-table").ShouldBeEmpty();
    }
}
