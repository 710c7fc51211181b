using System.Diagnostics;

namespace RoCoIn.Agent;

/// <summary>Polls the process given by --parent-pid, so a local agent never outlives the studio that started it.</summary>
public static class ParentWatcher
{
    /// <summary>Completes when process <paramref name="pid"/> is gone (or its id now belongs to a newer process).</summary>
    public static async Task WaitForExitAsync(int pid, TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = StartTime(pid);
        if (started is null)
            return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            // A reused id has another start time: the parent we knew is gone.
            if (StartTime(pid) != started)
                return;
        }
    }

    private static DateTime? StartTime(int pid)
    {
        if (IsZombie(pid))
            return null;   // dead, waiting for its own parent to reap it
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime;
        }
        catch (ArgumentException)
        {
            return null;   // no such process
        }
        catch (InvalidOperationException)
        {
            return null;   // it exited while we looked
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) S ..."; the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
