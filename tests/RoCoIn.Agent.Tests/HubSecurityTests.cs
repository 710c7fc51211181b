using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent.Tests;

/// <summary>Bad input on /hubs/agents: rejected, and the hub and the other agents carry on.</summary>
[Collection(StudioWithAgents.Name)]
public sealed class HubSecurityTests(StudioFixture studio)
{
    [Fact]
    public async Task Oversized_and_malformed_messages_close_only_their_own_connection()
    {
        var device = await studio.DeviceAsync("pi4-01");
        await studio.AssignAsync(device.Id, partition: 0);
        await using var agent = await studio.StartAgentAsync(device);
        var intruder = await studio.DeviceAsync("nano-01");
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, TimeSpan.FromSeconds(40), agent);
            var pixels = AgentLifecycleTests.TestImages().Image(3).ToArray();
            var before = await studio.Registry.InferAsync(device.Id, 1, pixels, TestContext.Current.CancellationToken);

            // 1. A registered client sends a reply far above the limit: its connection is closed.
            await using (var big = await ConnectAsync())
            {
                var closed = Closed(big);
                var registration = await big.InvokeAsync<AgentRegistration>(AgentProtocol.Register,
                    Hello(intruder.Name, await studio.IssueTokenAsync(intruder.Id)), TestContext.Current.CancellationToken);
                registration.Accepted.ShouldBeTrue(registration.Reason);
                await big.SendAsync(AgentProtocol.InferenceReply, new AgentInferenceReply(1, new float[200_000], null, 0),
                    TestContext.Current.CancellationToken);
                (await closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldNotBeNull();
                await studio.WaitForStateAsync(intruder.Id, AgentState.Down, TimeSpan.FromSeconds(5));
            }

            // 2. An unregistered client may call nothing but Register.
            await using (var anonymous = await ConnectAsync())
            {
                var error = await Should.ThrowAsync<HubException>(anonymous.InvokeAsync(AgentProtocol.Heartbeat,
                    new AgentHeartbeat(null, 0, 0, 0, false), TestContext.Current.CancellationToken));
                error.Message.ShouldContain("Register first");
                // Arguments of the wrong shape are refused too, and the connection survives them.
                await Should.ThrowAsync<HubException>(anonymous.InvokeAsync<AgentRegistration>(AgentProtocol.Register, "not a hello",
                    TestContext.Current.CancellationToken));
                anonymous.State.ShouldBe(HubConnectionState.Connected);
                var refusal = await anonymous.InvokeAsync<AgentRegistration>(AgentProtocol.Register, (AgentHello?)null, TestContext.Current.CancellationToken);
                refusal.Accepted.ShouldBeFalse();
                refusal.RefusalCode.ShouldBe(AgentRefusalCodes.MalformedHello);
            }

            // 3. Bytes that are not MessagePack after a valid handshake: the server drops the socket.
            using (var raw = new ClientWebSocket())
            {
                await raw.ConnectAsync(new Uri(studio.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + AgentProtocol.HubPath),
                    TestContext.Current.CancellationToken);
                await raw.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true,
                    TestContext.Current.CancellationToken);
                await raw.SendAsync(new byte[] { 0x05, 0xC1, 0xC1, 0xC1, 0xC1, 0xC1 }, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);
                (await ReadUntilClosedAsync(raw, TimeSpan.FromSeconds(10))).ShouldBeTrue();
            }

            // 4. A JSON client is refused at the handshake: the agent hub speaks MessagePack only.
            await using (var json = new HubConnectionBuilder().WithUrl(studio.BaseUrl + AgentProtocol.HubPath, HttpTransportType.WebSockets,
                o => o.SkipNegotiation = true).Build())
            {
                await Should.ThrowAsync<Exception>(json.StartAsync(TestContext.Current.CancellationToken));
            }

            // The real agent still answers, with the same features as before.
            var after = await studio.Registry.InferAsync(device.Id, 2, pixels, TestContext.Current.CancellationToken);
            after.ShouldBe(before);
            studio.Registry.Find(device.Id)!.State.ShouldBe(AgentState.Ready);
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
            await studio.ForgetAsync(intruder.Id);
        }
    }

    [Fact]
    public async Task A_connection_that_never_registers_is_closed()
    {
        await using var idle = await ConnectAsync();
        var closed = Closed(idle);
        var timeout = studio.AgentOptions.RegistrationTimeout + TimeSpan.FromSeconds(5);
        await closed.WaitAsync(timeout, TestContext.Current.CancellationToken);
        idle.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_second_agent_for_the_same_device_replaces_the_first()
    {
        var device = await studio.DeviceAsync("mcu-01");
        var token = await studio.IssueTokenAsync(device.Id);
        await using var first = await ConnectAsync();
        var firstClosed = Closed(first);
        (await first.InvokeAsync<AgentRegistration>(AgentProtocol.Register, Hello(device.Name, token), TestContext.Current.CancellationToken))
            .Accepted.ShouldBeTrue();
        await using var second = await ConnectAsync();
        try
        {
            (await second.InvokeAsync<AgentRegistration>(AgentProtocol.Register, Hello(device.Name, token), TestContext.Current.CancellationToken))
                .Accepted.ShouldBeTrue();
            await firstClosed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            studio.Registry.Find(device.Id)!.State.ShouldBe(AgentState.Connecting);
        }
        finally
        {
            await second.StopAsync(TestContext.Current.CancellationToken);
            await studio.WaitForStateAsync(device.Id, AgentState.Down, TimeSpan.FromSeconds(5));
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task An_agent_that_stays_connected_but_stops_heartbeating_is_shown_stalled()
    {
        var device = await studio.DeviceAsync("pi3-01");
        await using var connection = await ConnectAsync();
        try
        {
            (await connection.InvokeAsync<AgentRegistration>(AgentProtocol.Register, Hello(device.Name, await studio.IssueTokenAsync(device.Id)),
                TestContext.Current.CancellationToken)).Accepted.ShouldBeTrue();
            await connection.InvokeAsync(AgentProtocol.ReportThroughput, new AgentThroughput(1e9, 1000, 1, 1e-6), TestContext.Current.CancellationToken);
            await connection.InvokeAsync(AgentProtocol.Heartbeat, new AgentHeartbeat(null, 0, 0, 0, false), TestContext.Current.CancellationToken);
            studio.Registry.Find(device.Id)!.State.ShouldBe(AgentState.Idle);

            // The transport keeps pinging, so only the missing heartbeats show the hang.
            var stalled = await studio.WaitForStateAsync(device.Id, AgentState.Stalled, studio.AgentOptions.StallAfter + TimeSpan.FromSeconds(3));
            stalled.Reason.ShouldNotBeNull().ShouldContain("No heartbeat");
            await connection.InvokeAsync(AgentProtocol.Heartbeat, new AgentHeartbeat(null, 0, 0, 0, false), TestContext.Current.CancellationToken);
            studio.Registry.Find(device.Id)!.State.ShouldBe(AgentState.Idle);

            // Nonsense figures are refused without closing the connection.
            await Should.ThrowAsync<HubException>(connection.InvokeAsync(AgentProtocol.ReportThroughput, new AgentThroughput(double.NaN, 1, 1, 1),
                TestContext.Current.CancellationToken));
            connection.State.ShouldBe(HubConnectionState.Connected);
        }
        finally
        {
            await connection.StopAsync(TestContext.Current.CancellationToken);
            await studio.WaitForStateAsync(device.Id, AgentState.Down, TimeSpan.FromSeconds(5));
            await studio.ForgetAsync(device.Id);
        }
    }

    [Fact]
    public async Task Model_downloads_need_the_token_of_a_device_the_model_is_assigned_to()
    {
        var device = await studio.DeviceAsync("pi3-01");
        var other = await studio.DeviceAsync("phone-01");
        var hash = studio.Student(2).ModelHash;
        await studio.AssignAsync(device.Id, partition: 2);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl) };
            var path = $"{AgentProtocol.ModelsPath}/{hash}.onnx";

            (await http.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
            using (var wrong = Get(path, await studio.IssueTokenAsync(other.Id)))
                (await http.SendAsync(wrong, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
            using var right = Get(path, await studio.IssueTokenAsync(device.Id));
            var response = await http.SendAsync(right, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            RoCoIn.Engine.Inference.ContentHash.Sha256Hex(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(hash);
        }
        finally
        {
            await studio.ForgetAsync(device.Id);
        }

        static HttpRequestMessage Get(string path, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return request;
        }
    }

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(studio.BaseUrl + AgentProtocol.HubPath, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddMessagePackProtocol()
            .Build();
        connection.KeepAliveInterval = TimeSpan.FromSeconds(1);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static Task<Exception?> Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static AgentHello Hello(string device, string token) => new(AgentProtocol.Version, device, token, "test", Environment.ProcessId, "test", false);

    private static async Task<bool> ReadUntilClosedAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return true;
            }
        }
        catch (WebSocketException)
        {
            return true;   // the server dropped the connection
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
