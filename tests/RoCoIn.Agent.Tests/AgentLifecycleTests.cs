extern alias agent;

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Inference;
using RoCoIn.Web.Agents;
using AgentExitCodes = agent::RoCoIn.Agent.AgentExitCodes;

namespace RoCoIn.Agent.Tests;

/// <summary>Real agent processes against a real studio: registration, model, inference, crash, hang, orphan, tamper.</summary>
[Collection(StudioWithAgents.Name)]
public sealed class AgentLifecycleTests(StudioFixture studio)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task An_agent_with_a_valid_token_registers_loads_its_model_and_answers_like_onnx_runtime()
    {
        var device = await studio.DeviceAsync("pi4-01");
        await studio.AssignAsync(device.Id, partition: 0);
        await using var agent = await studio.StartAgentAsync(device);
        try
        {
            var ready = await studio.WaitForStateAsync(device.Id, AgentState.Ready, Startup, agent);

            var student = studio.Student(0);
            ready.ModelHash.ShouldBe(student.ModelHash);
            ready.MeasuredFlopsPerSecond.ShouldNotBeNull().ShouldBeGreaterThan(1e6);
            ready.AgentVersion.ShouldBe("1.0.0");
            ready.ProcessId.ShouldBe(agent.Id);
            agent.Log.ShouldContain("Measured throughput:");

            using var reference = new OnnxInferenceSession(Path.Combine(studio.ModelsFolder, $"{student.ModelHash}.onnx"));
            var images = TestImages();
            for (var i = 0; i < 5; i++)
            {
                var pixels = images.Image(i).ToArray();
                var features = await studio.Registry.InferAsync(device.Id, i + 1, pixels, TestContext.Current.CancellationToken);
                var expected = reference.Run(pixels.Select(p => p / 255f).ToArray(), 1);
                features.Length.ShouldBe(student.Width);
                features.Zip(expected, (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThanOrEqualTo(1e-5f);
            }
            studio.Registry.Live([device.Id]).Single().DeviceId.ShouldBe(device.Id);
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Theory]
    [InlineData("no token", AgentExitCodes.Unauthorized, "no-token", "No token was given")]
    [InlineData("wrong token", AgentExitCodes.Unauthorized, "invalid-token", "is not valid")]
    [InlineData("other device's token", AgentExitCodes.Unauthorized, "other-device", "issued for another device")]
    [InlineData("revoked token", AgentExitCodes.Unauthorized, "revoked-token", "was revoked")]
    [InlineData("unknown protocol version", AgentExitCodes.ProtocolMismatch, "unsupported-protocol", "protocol version 99")]
    [InlineData("unknown device", AgentExitCodes.UnknownDevice, "unknown-device", "has no device named")]
    public async Task A_refused_agent_logs_the_reason_and_exits_with_its_code(string situation, int exitCode, string code, string reason)
    {
        var device = await studio.DeviceAsync("mcu-01");
        var other = await studio.DeviceAsync("mcu-02");
        var tokens = studio.Services.GetRequiredService<AgentTokenStore>();
        var valid = await studio.IssueTokenAsync(device.Id);
        string? token = situation switch
        {
            "no token" => null,
            "wrong token" => valid[..^4] + "AAAA",
            "other device's token" => await studio.IssueTokenAsync(other.Id),
            "revoked token" => await RevokedAsync(),
            _ => valid,
        };
        string[] extra = situation == "unknown protocol version" ? ["--protocol-version", "99"] : [];
        var name = situation == "unknown device" ? "no-such-device" : device.Name;

        await using var agent = AgentProcess.Start(studio.AgentDll, ["--studio", studio.BaseUrl, "--device", name, .. extra], token);
        var exit = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exit.ShouldBe(exitCode, agent.Log);
        agent.Log.ShouldContain($"Refused by the studio ({code})");
        agent.Log.ShouldContain(reason);
        studio.Registry.Find(device.Id).ShouldBeNull();

        async Task<string> RevokedAsync()
        {
            var issued = (await tokens.IssueAsync(device.Id, "test")).Value!;
            await tokens.RevokeAsync(issued.Id);
            return issued.Token;
        }
    }

    [Fact]
    public async Task Revoking_a_connected_agents_token_disconnects_it_and_its_reconnection_is_refused()
    {
        var device = await studio.DeviceAsync("phone-01");
        var admin = studio.Services.GetRequiredService<AgentTokenAdmin>();
        var issued = (await admin.IssueAsync(device.Id, "remote board", TestContext.Current.CancellationToken)).Value!;
        await using var agent = await studio.StartAgentAsync(device, issued.Token);
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Idle, Startup, agent);

            var revoked = await admin.RevokeAsync(issued.Id, TestContext.Current.CancellationToken);

            revoked.Value.ShouldBe(1, "one connection used the token");
            var exit = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));
            exit.ShouldBe(AgentExitCodes.Unauthorized, agent.Log);
            agent.Log.ShouldContain("was revoked");
            (await admin.ListAsync(TestContext.Current.CancellationToken)).Single(t => t.Id == issued.Id).RevokedUtc.ShouldNotBeNull();
            (await admin.IssueAsync(device.Id, new string('x', AgentTokenAdmin.MaxLabelLength + 1), TestContext.Current.CancellationToken))
                .Errors.ShouldHaveSingleItem().Field.ShouldBe("label");
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task Killing_an_agent_marks_it_down_at_once_and_fails_its_pending_requests()
    {
        var device = await studio.DeviceAsync("nano-01");
        await studio.AssignAsync(device.Id, partition: 1);
        await using var agent = await studio.StartAgentAsync(device);
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, Startup, agent);
            // A stalled agent holds the request, so it is pending when the process dies.
            await studio.Registry.OrderAsync(device.Id, AgentOrder.Stall(), TestContext.Current.CancellationToken);
            await agent.WaitForLogAsync("Order from the studio: stall", TimeSpan.FromSeconds(10));
            var pending = studio.Registry.InferAsync(device.Id, 1, TestImages().Image(0).ToArray(), TestContext.Current.CancellationToken);

            var watch = Stopwatch.StartNew();
            agent.Kill();
            var down = await studio.WaitForStateAsync(device.Id, AgentState.Down, TimeSpan.FromSeconds(10), agent);

            // Well inside the 3 s client timeout: the closed socket is seen, not the silence.
            watch.Elapsed.ShouldBeLessThan(studio.AgentOptions.ClientTimeout);
            down.Reason.ShouldNotBeNull();
            await Should.ThrowAsync<AgentUnavailableException>(pending);
            await Should.ThrowAsync<AgentUnavailableException>(
                studio.Registry.InferAsync(device.Id, 2, TestImages().Image(0).ToArray(), TestContext.Current.CancellationToken));
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task A_stopped_process_is_down_within_the_client_timeout_and_serves_again_when_continued()
    {
        var device = await studio.DeviceAsync("phone-01");
        await studio.AssignAsync(device.Id, partition: 2);
        await using var agent = await studio.StartAgentAsync(device);
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, Startup, agent);

            var watch = Stopwatch.StartNew();
            await agent.SignalAsync("STOP");
            await studio.WaitForStateAsync(device.Id, AgentState.Down, studio.AgentOptions.ClientTimeout + TimeSpan.FromSeconds(3), agent);
            watch.Elapsed.ShouldBeLessThan(studio.AgentOptions.ClientTimeout + TimeSpan.FromSeconds(3));

            await agent.SignalAsync("CONT");
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, TimeSpan.FromSeconds(20), agent);
            var features = await studio.Registry.InferAsync(device.Id, 7, TestImages().Image(1).ToArray(), TestContext.Current.CancellationToken);
            features.Length.ShouldBe(studio.Student(2).Width);
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task An_agent_exits_when_its_parent_process_dies()
    {
        var device = await studio.DeviceAsync("pi3-01");
        using var parent = Process.Start("sleep", "300");
        await using var agent = await studio.StartAgentAsync(device, null, "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Idle, Startup, agent);

            parent.Kill();
            await parent.WaitForExitAsync(TestContext.Current.CancellationToken);

            (await agent.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBe(AgentExitCodes.ParentExited, agent.Log);
            agent.Log.ShouldContain($"Parent process {parent.Id} exited");
        }
        finally
        {
            if (!parent.HasExited)
                parent.Kill();
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task A_model_whose_hash_differs_is_refused_and_reported()
    {
        var device = await studio.DeviceAsync("mcu-02");
        // A tampered file: stored under a hash that is not its content's.
        var fakeHash = ContentHash.Sha256Hex("tampered"u8.ToArray());
        File.Copy(Path.Combine(studio.ModelsFolder, $"{studio.Student(0).ModelHash}.onnx"), Path.Combine(studio.ModelsFolder, $"{fakeHash}.onnx"), overwrite: true);
        await studio.Registry.AssignAsync(device.Id, new AgentAssignment(fakeHash, 1000, studio.Student(0).Width, 0, null), TestContext.Current.CancellationToken);
        await using var agent = await studio.StartAgentAsync(device);
        try
        {
            var rejected = await studio.WaitForStateAsync(device.Id, AgentState.ModelRejected, Startup, agent);

            rejected.Reason.ShouldNotBeNull().ShouldContain("SHA-256");
            rejected.Reason.ShouldContain(studio.Student(0).ModelHash);
            rejected.ModelHash.ShouldBeNull();
            agent.Log.ShouldContain("Refused model");
            await Should.ThrowAsync<AgentUnavailableException>(
                studio.Registry.InferAsync(device.Id, 1, TestImages().Image(0).ToArray(), TestContext.Current.CancellationToken));

            // A good assignment afterwards is loaded by the same agent.
            await studio.AssignAsync(device.Id, partition: 0);
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, Startup, agent);
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task Orders_stall_and_resume_an_agent_and_cancelled_requests_leave_nothing_pending()
    {
        var device = await studio.DeviceAsync("pi4-01");
        await studio.AssignAsync(device.Id, partition: 1);
        await using var agent = await studio.StartAgentAsync(device);
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, Startup, agent);
            var pixels = TestImages().Image(2).ToArray();

            await studio.Registry.OrderAsync(device.Id, AgentOrder.Stall(), TestContext.Current.CancellationToken);
            studio.Registry.Find(device.Id)!.State.ShouldBe(AgentState.Stalled);
            using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
                await Should.ThrowAsync<OperationCanceledException>(studio.Registry.InferAsync(device.Id, 1, pixels, deadline.Token));
            studio.Registry.Find(device.Id)!.Pending.ShouldBe(0);

            await studio.Registry.OrderAsync(device.Id, AgentOrder.Resume(), TestContext.Current.CancellationToken);
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, TimeSpan.FromSeconds(10), agent);
            (await studio.Registry.InferAsync(device.Id, 2, pixels, TestContext.Current.CancellationToken)).Length.ShouldBe(studio.Student(1).Width);

            // A shutdown order ends the agent cleanly.
            await studio.Registry.OrderAsync(device.Id, AgentOrder.Shutdown(), TestContext.Current.CancellationToken);
            (await agent.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBe(AgentExitCodes.Stopped, agent.Log);
            agent.Log.ShouldContain("Shutdown ordered by the studio");
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    internal static ImageDataset TestImages()
    {
        var folder = FindUp(Path.Combine("assets", "datasets", "fashion-mnist-subset"));
        return IdxReader.Read(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")).Take(20);
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException(relative);
    }
}
