using System.Globalization;

namespace RoCoIn.Engine.Jobs;

/// <summary>
/// Estimates how long a running job still needs by extrapolating its progress so far at the same pace. The estimate is
/// as good as the job's progress fractions are proportional to time, which is why the distillation program weights its
/// stages by measured cost.
/// </summary>
public static class RemainingTime
{
    /// <summary>Below this share done the pace is too uncertain to extrapolate.</summary>
    public const double MinimumFraction = 0.01;

    /// <summary>Below this much running time the pace is too uncertain to extrapolate.</summary>
    public static readonly TimeSpan MinimumElapsed = TimeSpan.FromSeconds(3);

    /// <summary>
    /// elapsed·(1 − f)/f for a job <paramref name="fraction"/> done after <paramref name="elapsed"/>; null while too little
    /// is known (see <see cref="MinimumFraction"/> and <see cref="MinimumElapsed"/>), zero when done.
    /// </summary>
    public static TimeSpan? Estimate(double fraction, TimeSpan elapsed)
    {
        if (double.IsNaN(fraction) || fraction < MinimumFraction || elapsed < MinimumElapsed)
            return null;
        if (fraction >= 1)
            return TimeSpan.Zero;
        return TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds * (1 - fraction) / fraction));
    }

    /// <summary>"about 3 min 20 s left", "about 45 s left", "about 1 h 5 min left"; "estimating…" for null.</summary>
    public static string Describe(TimeSpan? remaining)
    {
        if (remaining is not { } time)
            return "estimating time left…";
        var seconds = (long)Math.Round(time.TotalSeconds);
        string text = seconds switch
        {
            < 60 => Invariant($"{seconds} s"),
            < 3600 => Invariant($"{seconds / 60} min {seconds % 60} s"),
            _ => Invariant($"{seconds / 3600} h {seconds % 3600 / 60} min"),
        };
        return $"about {text} left";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
