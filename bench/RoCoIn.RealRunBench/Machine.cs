using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RoCoIn.RealRunBench;

/// <summary>The machine's load and description, and processes' CPU time, from /proc (as RoCoIn.HubLoad reads them).</summary>
public static class Machine
{
    // USER_HZ; 100 on Linux x86-64 (RoCoIn.HubLoad asks getconf; the value is fixed by the kernel ABI there).
    private const double TicksPerSecond = 100;

    /// <summary>The first three fields of /proc/loadavg: load over 1, 5 and 15 minutes.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>utime + stime of <paramref name="pid"/> in seconds, or null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds of this process (the studio, the coordinator and the load).</summary>
    public static double OwnCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Whether <paramref name="pid"/> still runs (a zombie counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// How late <see cref="Task.Delay(TimeSpan, CancellationToken)"/> wakes up on this machine now, in seconds: an emulating agent waits three
    /// times per request (send, compute padding, reply), so this is what each of those waits tends to add.
    /// </summary>
    public static async Task<Summary> TimerOvershootAsync(int samples, TimeSpan delay, CancellationToken cancellationToken)
    {
        var overshoot = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(delay, cancellationToken);
            overshoot[i] = (Stopwatch.GetElapsedTime(start) - delay).TotalSeconds;
        }
        return Summary.Of(overshoot);
    }

    /// <summary>CPU model, cores, memory, OS and runtime, one line each.</summary>
    public static IEnumerable<string> Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var memoryKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = memoryKb is null ? null : $"{long.Parse(memoryKb, CultureInfo.InvariantCulture) / (1024.0 * 1024):0.0} GiB";
        yield return $"CPU: {model ?? "unknown"}, {Environment.ProcessorCount} logical cores";
        yield return $"memory: {memory ?? "unknown"}";
        yield return $"OS: {RuntimeInformation.OSDescription}";
        yield return $"runtime: {RuntimeInformation.FrameworkDescription}";
#if DEBUG
        yield return "build: Debug (figures are for a Release build only)";
#else
        yield return "build: Release";
#endif
    }
}
