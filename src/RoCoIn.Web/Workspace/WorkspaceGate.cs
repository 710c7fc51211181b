namespace RoCoIn.Web.Workspace;

/// <summary>
/// One workspace operation that touches files at a time: a restore never meets a backup, a clean-up or a model set's
/// files being removed halfway.
/// </summary>
public sealed class WorkspaceGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to leave it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Exit(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Exit(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                semaphore.Release();
        }
    }
}
