extern alias agent;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RoCoIn.Data;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Web.Hubs.Contracts;
using AgentContracts = agent::RoCoIn.Web.Hubs.Contracts;
using AgentOptions = agent::RoCoIn.Agent.AgentOptions;
using DeviceConditions = agent::RoCoIn.Agent.DeviceConditions;

namespace RoCoIn.Agent.Tests;

/// <summary>The pieces without processes: token hashing and checks, emulated timing, the command line.</summary>
public sealed class AgentUnitTests : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:;Foreign Keys=True");
    private readonly IDbContextFactory<RoCoInDbContext> _contexts;

    public AgentUnitTests()
    {
        _connection.Open();
        _contexts = new PooledFactory(new DbContextOptionsBuilder<RoCoInDbContext>().UseSqlite(_connection).Options);
        using var db = _contexts.CreateDbContext();
        db.Database.Migrate();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Tokens_are_stored_hashed_and_checked_for_their_device()
    {
        var (a, b) = (await AddDeviceAsync("dev-a"), await AddDeviceAsync("dev-b"));
        var store = new AgentTokenStore(_contexts, TimeProvider.System);
        var issued = (await store.IssueAsync(a, "test", TestContext.Current.CancellationToken)).Value!;

        issued.Token.ShouldStartWith($"{AgentTokenStore.Prefix}.{issued.Id}.");
        await using (var db = await _contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var row = await db.AgentTokens.SingleAsync(TestContext.Current.CancellationToken);
            row.Hash.Length.ShouldBe(32);
            row.Salt.Length.ShouldBe(16);
            System.Text.Encoding.UTF8.GetString(row.Hash).ShouldNotContain(issued.Token.Split('.')[2]);
        }

        (await store.VerifyAsync("dev-a", issued.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Valid);
        (await store.VerifyAsync("DEV-A", issued.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Valid);
        (await store.VerifyAsync("dev-b", issued.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.OtherDevice);
        (await store.VerifyAsync("dev-x", issued.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.UnknownDevice);
        (await store.VerifyAsync("dev-a", null, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Missing);
        (await store.VerifyAsync("dev-a", issued.Token + "x", TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Invalid);
        (await store.VerifyAsync("dev-a", "rca1.999.abc", TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Invalid);
        (await store.VerifyAsync("dev-a", "garbage", TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Invalid);
        var alone = await store.VerifyAsync(issued.Token, TestContext.Current.CancellationToken);
        alone.Device.ShouldNotBeNull().Id.ShouldBe(a);

        (await store.RevokeAsync(issued.Id, TestContext.Current.CancellationToken)).IsOk.ShouldBeTrue();
        (await store.VerifyAsync("dev-a", issued.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Revoked);
        (await store.IssueAsync(12345, "test", TestContext.Current.CancellationToken)).Status.ShouldBe(StoreStatus.NotFound);
        b.ShouldNotBe(a);
    }

    [Fact]
    public async Task Labelled_tokens_are_revoked_together_and_deleting_a_device_deletes_its_tokens()
    {
        var a = await AddDeviceAsync("dev-c");
        var store = new AgentTokenStore(_contexts, TimeProvider.System);
        var local = (await store.IssueAsync(a, "local fleet", TestContext.Current.CancellationToken)).Value!;
        var kept = (await store.IssueAsync(a, "by hand", TestContext.Current.CancellationToken)).Value!;

        (await store.RevokeLabelledAsync("local fleet", TestContext.Current.CancellationToken)).ShouldBe(1);
        (await store.VerifyAsync("dev-c", local.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Revoked);
        (await store.VerifyAsync("dev-c", kept.Token, TestContext.Current.CancellationToken)).Check.ShouldBe(AgentTokenCheck.Valid);

        (await new DeviceStore(_contexts).DeleteAsync(a, removeFromFleets: true, TestContext.Current.CancellationToken)).IsOk.ShouldBeTrue();
        (await store.ListAsync(a, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public void Emulation_pads_to_the_closed_form_times_of_the_profile()
    {
        var profile = new AgentContracts.AgentDeviceProfile(ComputeFlopsPerSecond: 10e6, DownlinkBitsPerSecond: 1e6, UplinkBitsPerSecond: 0.5e6, LinkLatencySeconds: 0.01);
        var c = new DeviceConditions { Emulate = true, Profile = profile };

        // t = 2ℓ + D_in/r↓ + c/f + b·d/r↑ (rocoin-model.md §3).
        c.SendDelay(784).TotalSeconds.ShouldBe(0.01 + 784 * 8 / 1e6, 1e-6);
        c.ReplyDelay(31).TotalSeconds.ShouldBe(0.01 + 31 * 32 / 0.5e6, 1e-6);
        c.ComputeSeconds(0.001, 899_622).ShouldBe(899_622 / 10e6, 1e-12);
        c.ComputeSeconds(0.5, 899_622).ShouldBe(0.5);   // a host slower than the profile cannot be sped up

        var slowed = c.After(new AgentContracts.AgentOrderMessage(AgentOrderKinds.Slow, 3, 0))!;
        slowed.ComputeSeconds(0.001, 899_622).ShouldBe(3 * 899_622 / 10e6, 1e-12);
        var linked = c.After(new AgentContracts.AgentOrderMessage(AgentOrderKinds.Link, 2, 0.05))!;
        linked.SendDelay(784).TotalSeconds.ShouldBe(0.05 + 0.01 + 2 * 784 * 8 / 1e6, 1e-6);
        var restored = linked.After(new AgentContracts.AgentOrderMessage(AgentOrderKinds.Restore, 1, 0))!;
        restored.ShouldBe(c);
        c.After(new AgentContracts.AgentOrderMessage("explode", 1, 0)).ShouldBeNull();

        var plain = new DeviceConditions { Profile = profile };
        plain.SendDelay(784).ShouldBe(TimeSpan.Zero);
        plain.ComputeSeconds(0.001, 899_622).ShouldBe(0.001);
    }

    [Fact]
    public void The_command_line_is_checked_and_the_token_can_come_from_the_environment()
    {
        var (options, error) = AgentOptions.Parse(["--studio", "http://127.0.0.1:5077", "--device", "pi-01", "--parent-pid", "42", "--emulate"],
            name => name == AgentProtocol.TokenVariable ? "rca1.1.secret" : null);
        error.ShouldBeNull();
        options!.Token.ShouldBe("rca1.1.secret");
        options.ParentPid.ShouldBe(42);
        options.Emulate.ShouldBeTrue();
        options.HubUri.ToString().ShouldBe("http://127.0.0.1:5077/hubs/agents");

        AgentOptions.Parse(["--device", "x"], _ => null).Error.ShouldNotBeNull().ShouldContain("--studio");
        AgentOptions.Parse(["--studio", "ftp://x", "--device", "x"], _ => null).Error.ShouldNotBeNull().ShouldContain("http");
        AgentOptions.Parse(["--studio", "http://x", "--device", "x", "--parent-pid", "abc"], _ => null).Error.ShouldNotBeNull().ShouldContain("--parent-pid");
        AgentOptions.Parse(["--studio", "http://x", "--device", "x", "--bogus"], _ => null).Error.ShouldNotBeNull().ShouldContain("--bogus");
    }

    private async Task<int> AddDeviceAsync(string name)
    {
        var created = await new DeviceStore(_contexts).CreateAsync(new DeviceProfile
        {
            Name = name,
            HardwareClass = "test",
            ComputeFlopsPerSecond = 10e6,
            MemoryBytes = 1_000_000,
            UplinkBitsPerSecond = 1e6,
            DownlinkBitsPerSecond = 1e6,
            LinkLatencySeconds = 0.01,
            NoReplyProbability = 0.01,
        });
        return created.Value?.Id ?? throw new InvalidOperationException(created.Message);
    }

    private sealed class PooledFactory(DbContextOptions<RoCoInDbContext> options) : IDbContextFactory<RoCoInDbContext>
    {
        public RoCoInDbContext CreateDbContext() => new(options);
    }
}
