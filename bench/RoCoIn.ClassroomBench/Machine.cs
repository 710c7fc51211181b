using System.Globalization;
using System.Runtime.InteropServices;

namespace RoCoIn.ClassroomBench;

/// <summary>The machine's description and load, and processes' CPU time, from /proc (as the other harnesses read them).</summary>
public static class Machine
{
    // USER_HZ: 100 on Linux x86-64 (fixed by the kernel ABI there).
    private const double TicksPerSecond = 100;

    /// <summary>The first three fields of /proc/loadavg: load over 1, 5 and 15 minutes.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Cores, CPU model, memory, OS and runtime, one line each.</summary>
    public static IEnumerable<string> Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var memoryKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = memoryKb is null ? "unknown" : $"{long.Parse(memoryKb, CultureInfo.InvariantCulture) / (1024.0 * 1024):0.0} GiB";
        yield return $"nproc: {Environment.ProcessorCount}";
        yield return $"CPU: {model ?? "unknown"}";
        yield return $"memory: {memory}";
        yield return $"OS: {RuntimeInformation.OSDescription}";
        yield return $"runtime: {RuntimeInformation.FrameworkDescription}";
#if DEBUG
        yield return "build: Debug (figures are for a Release build only)";
#else
        yield return "build: Release";
#endif
    }

    /// <summary>
    /// CPU seconds (user + system) of every live descendant of this process except <paramref name="excluded"/> and its
    /// own descendants: here Playwright's driver and Chromium's processes.
    /// </summary>
    public static double DescendantCpuSeconds(int excluded)
    {
        var parents = new Dictionary<int, int>();
        var cpu = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                cpu[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
                // gone meanwhile
            }
        }
        var self = Environment.ProcessId;
        var total = 0.0;
        foreach (var (pid, seconds) in cpu)
        {
            if (pid != self && DescendsFrom(pid, self, excluded, parents))
                total += seconds;
        }
        return total;
    }

    private static bool DescendsFrom(int pid, int ancestor, int excluded, Dictionary<int, int> parents)
    {
        for (var current = pid; current > 1 && parents.TryGetValue(current, out var parent); current = parent)
        {
            if (current == excluded)
                return false;
            if (parent == ancestor)
                return true;
        }
        return false;
    }
}
