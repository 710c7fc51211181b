using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// Runs queued jobs, <see cref="JobRunnerOptions.MaxParallelJobs"/> at a time (one by default), each on a
/// thread-pool thread with its own DI scope and a cancellation source linked to the host's stopping token.
/// At start-up it marks jobs left running as interrupted and queues the still-queued ones again (ADR-004).
/// </summary>
public sealed partial class JobRunnerService(
    JobQueue queue,
    JobStore store,
    JobProgressPublisher publisher,
    IServiceScopeFactory scopes,
    IOptions<JobRunnerOptions> options,
    ILogger<JobRunnerService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the host reports started, so no job runs and no page sees a job still "running" from a past life.
        var queued = await store.RecoverAtStartupAsync(cancellationToken);
        foreach (var id in queued)
            queue.Enqueue(id);
        if (queued.Count > 0)
            LogRequeued(logger, queued.Count);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxParallelJobs).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Checked per id: once the host stops, jobs still waiting stay queued for the next start.
                while (!stoppingToken.IsCancellationRequested && queue.Reader.TryRead(out var id))
                    await RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunAsync(int id, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (!queue.TryStart(id, cancellation))
            return;   // cancelled while it waited
        try
        {
            await RunStartedAsync(id, cancellation.Token, stoppingToken);
        }
#pragma warning disable CA1031 // One broken job (or a database hiccup) must not stop the runner.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Job {JobId} could not be run.", id);
        }
        finally
        {
            queue.Finish(id);
        }
    }

    private async Task RunStartedAsync(int id, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        if (cancellationToken.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(store.CancelAsync(id, CancellationToken.None));   // cancelled between the line and the start
            return;
        }
        var started = await store.MarkRunningAsync(id, stoppingToken);
        if (!started.IsOk)
            return;   // cancelled or gone meanwhile
        var job = started.Value!;
        await publisher.PublishStateAsync(job);

        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().LastOrDefault(h => h.Kind == job.Kind);
        if (handler is null)
        {
            await FinishAsync(store.FailAsync(id,
                $"This studio has no handler for {job.Kind} jobs, so the job cannot run. Update the studio, or cancel the job.", CancellationToken.None));
            return;
        }

        LogStarted(logger, id, job.Kind, job.Title);
        var reporter = publisher.StartReporting(job);
        Task<StoreResult<JobRecord>> outcome;
        try
        {
            // Task.Run: a handler that computes before its first await must not hold the runner's (or a request's) thread.
            var result = await Task.Run(() => handler.RunAsync(new JobContext(id, job.ParametersJson, reporter), cancellationToken), cancellationToken);
            await reporter.DisposeAsync();
            outcome = result is null
                ? store.FailAsync(id, $"The {job.Kind} handler returned no result.", CancellationToken.None)
                : store.SucceedAsync(id, result.ResultKind, result.ResultId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await reporter.DisposeAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                // Left running on purpose: the next start-up marks it interrupted.
                logger.LogWarning("Job {JobId} stopped because the studio is shutting down.", id);
                return;
            }
            outcome = store.CancelAsync(id, CancellationToken.None);
        }
#pragma warning disable CA1031 // Whatever a handler throws fails its job, with the message as the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await reporter.DisposeAsync();
            logger.LogWarning(ex, "Job {JobId} failed.", id);
            outcome = store.FailAsync(id, ReasonOf(ex), CancellationToken.None);
        }
        await FinishAsync(outcome);
    }

    private async Task FinishAsync(Task<StoreResult<JobRecord>> outcome)
    {
        var result = await outcome;
        if (result.IsOk)
            await publisher.PublishStateAsync(result.Value!);
        else
            logger.LogWarning("A job's final state was not recorded: {Message}", result.Message);
    }

    [LoggerMessage(LogLevel.Information, "Queued {Count} jobs again that were waiting when the studio stopped.")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Job {JobId} ({Kind}, \"{Title}\") started.")]
    private static partial void LogStarted(ILogger logger, int jobId, JobKind kind, string title);

    private static string ReasonOf(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
            ex = aggregate.InnerExceptions[0];
        return string.IsNullOrWhiteSpace(ex.Message) ? $"The job stopped with {ex.GetType().Name}." : ex.Message;
    }
}
