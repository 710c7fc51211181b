using System.Diagnostics;
using System.Globalization;

namespace RoCoIn.HubLoad;

/// <summary>A process's CPU time (user + system, all threads) from /proc/&lt;pid&gt;/stat, and the machine's load.</summary>
public static class ProcessCpu
{
    private static readonly Lazy<long> TicksPerSecond = new(ReadTicksPerSecond);

    /// <summary>utime + stime of <paramref name="pid"/>, in seconds.</summary>
    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / (double)TicksPerSecond.Value;
    }

    /// <summary>The first three fields of /proc/loadavg: load over 1, 5 and 15 minutes.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    // USER_HZ, as `getconf CLK_TCK` reports it (100 on Linux x86-64).
    private static long ReadTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            if (getconf is not null)
            {
                var text = getconf.StandardOutput.ReadToEnd().Trim();
                getconf.WaitForExit();
                if (long.TryParse(text, CultureInfo.InvariantCulture, out var ticks) && ticks > 0)
                    return ticks;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No getconf: the Linux default.
        }
        return 100;
    }
}
