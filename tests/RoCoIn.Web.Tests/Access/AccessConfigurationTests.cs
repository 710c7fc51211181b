using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Access;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Access;

/// <summary>RoCoIn:Access settings: the mode, the admin from configuration, and which addresses count as loopback.</summary>
public sealed class AccessConfigurationTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://127.0.0.2:443", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://studio.lab:5000", false)]
    public void Addresses_count_as_loopback_only_when_nobody_else_can_reach_them(string address, bool loopback) =>
        AccessPolicy.IsLoopbackAddress(address).ShouldBe(loopback);

    [Fact]
    public void An_unknown_mode_is_refused_naming_the_key_and_the_choices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RoCoIn:Access:Mode"] = "public" }).Build();

        var error = Should.Throw<OptionsValidationException>(() => AccessOptions.Read(configuration));

        error.Message.ShouldContain("RoCoIn:Access:Mode is 'public'");
        error.Message.ShouldContain("auto");
        error.Message.ShouldContain("login");
    }

    [Fact]
    public void Modes_read_regardless_of_case_and_default_to_auto()
    {
        AccessOptions.Read(new ConfigurationBuilder().Build()).Mode.ShouldBe(AccessMode.Auto);
        AccessOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RoCoIn:Access:Mode"] = "Login" }).Build())
            .Mode.ShouldBe(AccessMode.Login);
    }

    [Fact]
    public async Task A_studio_on_a_test_server_is_open_and_every_caller_edits()
    {
        await using var factory = new StudioFactory();
        using var client = factory.CreateClient();

        var session = await client.GetStringAsync("/api/session", Ct);

        session.ShouldContain("\"role\":\"editor\"");
        session.ShouldContain("\"loginRequired\":false");
    }

    [Fact]
    public async Task The_admin_from_configuration_is_created_once_as_an_editor()
    {
        await using var factory = new StudioFactory(settings: new Dictionary<string, string>
        {
            ["RoCoIn:Access:AdminUser"] = "root",
            ["RoCoIn:Access:AdminPassword"] = "long enough password",
        });
        _ = factory.Server;

        var users = await factory.Services.GetRequiredService<UserStore>().ListAsync(Ct);
        users.ShouldHaveSingleItem().Name.ShouldBe("root");
        users[0].Role.ShouldBe(UserRoles.Editor);
        // A second start on the same database does not add or reset anything.
        (await factory.Services.GetRequiredService<UserAccounts>().EnsureAdminAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_studio_that_requires_sign_in_but_has_no_account_stops_itself()
    {
        // Watches from inside the host: the check may stop it before the test server has finished starting.
        var stopping = new TaskCompletionSource();
        await using var factory = new StudioFactory(
            configureServices: services => services.AddHostedService(sp => new StopWatcher(sp.GetRequiredService<IHostApplicationLifetime>(), stopping)),
            settings: new Dictionary<string, string> { ["RoCoIn:Access:Mode"] = "login" });
        try
        {
            _ = factory.Server;
        }
        catch (ObjectDisposedException)
        {
            // Stopped while starting: the outcome this test expects.
        }

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        stopping.Task.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private sealed class StopWatcher(IHostApplicationLifetime lifetime, TaskCompletionSource stopping) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory]
    [InlineData("root", "", "Set both RoCoIn:Access:AdminUser and RoCoIn:Access:AdminPassword")]
    [InlineData("root", "short", "RoCoIn:Access:AdminPassword: The password has 5 characters; at least 8 are required (3 more).")]
    public void A_half_or_weak_admin_setting_stops_start_up_naming_the_key(string user, string password, string expected)
    {
        using var factory = new StudioFactory(settings: new Dictionary<string, string>
        {
            ["RoCoIn:Access:AdminUser"] = user,
            ["RoCoIn:Access:AdminPassword"] = password,
        });

        var error = Should.Throw<OptionsValidationException>(() => factory.Server);

        error.Message.ShouldContain(expected);
    }
}
