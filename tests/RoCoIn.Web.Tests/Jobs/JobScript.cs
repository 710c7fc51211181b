using System.Collections.Concurrent;
using System.Threading.Channels;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.Jobs;

/// <summary>
/// Lets a test drive <see cref="ScriptedJobHandler"/> step by step: each job names a script; the test waits until the
/// job started, feeds it progress, then a result or an exception. Nothing finishes on its own, so no test needs a sleep.
/// </summary>
public sealed class JobScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    internal Entry For(string name) => _entries.GetOrAdd(name, _ => new Entry());

    public Task WhenStartedAsync(string name) => For(name).Started.Task.WaitAsync(Timeout, Xunit.TestContext.Current.CancellationToken);

    public Task WhenCancelledAsync(string name) => For(name).Cancelled.Task.WaitAsync(Timeout, Xunit.TestContext.Current.CancellationToken);

    public bool HasStarted(string name) => For(name).Started.Task.IsCompleted;

    public void Report(string name, JobProgress progress) => For(name).Steps.Writer.TryWrite(progress);

    public void Finish(string name, JobResult result) => For(name).Steps.Writer.TryWrite(result);

    public void Throw(string name, Exception exception) => For(name).Steps.Writer.TryWrite(exception);

    internal sealed class Entry
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Channel<object> Steps { get; } = Channel.CreateUnbounded<object>();
    }
}

/// <summary>The parameters of a scripted job: the name of its script.</summary>
public sealed record ScriptParameters(string Script);

/// <summary>A Simulation handler that does exactly what its <see cref="JobScript"/> says, and honours cancellation.</summary>
public sealed class ScriptedJobHandler(JobScript script) : IJobHandler
{
    public JobKind Kind => JobKind.Simulation;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var entry = script.For(context.GetParameters<ScriptParameters>().Script);
        using var registration = cancellationToken.Register(() => entry.Cancelled.TrySetResult());
        entry.Started.TrySetResult();
        await foreach (var step in entry.Steps.Reader.ReadAllAsync(cancellationToken))
        {
            switch (step)
            {
                case JobProgress progress:
                    context.Progress.Report(progress);
                    break;
                case JobResult result:
                    return result;
                case Exception exception:
                    throw exception;
            }
        }
        throw new InvalidOperationException("The script ended without a result.");
    }
}

/// <summary>A Distillation handler that always throws, as a handler with a readable error does.</summary>
public sealed class ThrowingJobHandler : IJobHandler
{
    public const string Message = "The teacher model file is missing; distil again after importing it.";

    public JobKind Kind => JobKind.Distillation;

    public Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
