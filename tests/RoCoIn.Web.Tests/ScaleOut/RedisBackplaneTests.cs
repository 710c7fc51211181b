using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.ScaleOut;

/// <summary>
/// Two studio instances sharing a real redis-server as their SignalR backplane (ADR-012): a client connected to one
/// instance hears what the other sends on /hubs/jobs and /hubs/runs.
/// </summary>
public sealed class RedisBackplaneTests(TwoStudiosOnRedisFixture studios) : IClassFixture<TwoStudiosOnRedisFixture>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJobUpdatePublishedOnOneInstanceReachesTheJobsGroupJoinedOnTheOther()
    {
        await using var client = await ConnectAsync(studios.A, JobsHub.Path);
        var received = Expect<JobUpdateMessage>(client, nameof(IJobsClient.JobUpdated));
        const int jobId = 4242;
        await client.InvokeAsync(nameof(JobsHub.JoinJob), jobId, Ct);

        var job = new JobRecord(jobId, JobKind.Planning, JobStatus.Queued, "made on B", "{}", 0, "", DateTimeOffset.UtcNow,
            null, null, null, null, null);
        await studios.B.Services.GetRequiredService<JobProgressPublisher>().PublishStateAsync(job);

        var message = await received.WaitAsync(WaitLimit, Ct);
        message.JobId.ShouldBe(jobId);
        message.Status.ShouldBe("queued");
        message.StateChanged.ShouldBeTrue();
    }

    [Fact]
    public async Task ARunUpdateSentToAllOnOneInstanceReachesARunsClientOfTheOther()
    {
        await using var client = await ConnectAsync(studios.A, RunsHub.Path);
        var received = Expect<RunUpdateMessage>(client, nameof(IRunsClient.RunUpdated));
        // A round trip: the hub has finished connecting (and subscribed to the backplane) once it answers.
        await client.InvokeAsync(nameof(RunsHub.LeaveRun), 1, Ct);

        var update = new RunUpdateMessage(7, 3, false, "running", true, null, 20, null, 2, [], 0, [], 0, null);
        await studios.B.Services.GetRequiredService<IHubContext<RunsHub, IRunsClient>>().Clients.All.RunUpdated(update);

        var message = await received.WaitAsync(WaitLimit, Ct);
        message.RunId.ShouldBe(7);
        message.Sequence.ShouldBe(3);
        message.Status.ShouldBe("running");
    }

    [Fact]
    public void OnlyTheJobsAndRunsHubsUseTheBackplane()
    {
        var services = studios.A.Services;

        services.GetRequiredService<HubLifetimeManager<JobsHub>>().ShouldBeOfType<RedisHubLifetimeManager<JobsHub>>();
        services.GetRequiredService<HubLifetimeManager<RunsHub>>().ShouldBeOfType<RedisHubLifetimeManager<RunsHub>>();
        // The agent hub serves the registry of the instance the agent is connected to; Blazor circuits are sticky.
        services.GetRequiredService<HubLifetimeManager<AgentsHub>>().ShouldBeOfType<DefaultHubLifetimeManager<AgentsHub>>();
        var componentHub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server")
            .ShouldNotBeNull();
        var circuits = services.GetRequiredService(typeof(HubLifetimeManager<>).MakeGenericType(componentHub));
        circuits.GetType().GetGenericTypeDefinition().ShouldBe(typeof(DefaultHubLifetimeManager<>));
    }

    private static async Task<HubConnection> ConnectAsync(TwoStudiosOnRedisFixture.Studio studio, string path)
    {
        var connection = new HubConnectionBuilder().WithUrl(studio.BaseUrl + path).Build();
        await connection.StartAsync(Ct);
        return connection;
    }

    private static Task<T> Expect<T>(HubConnection connection, string method)
    {
        var received = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<T>(method, m => received.TrySetResult(m));
        return received.Task;
    }
}
