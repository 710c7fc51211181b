using System.Globalization;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Web.Components.Pages.Scenarios;

/// <summary>Names for new scenarios that no saved scenario has (names are unique regardless of case).</summary>
public static class ScenarioNames
{
    /// <summary><paramref name="wanted"/>, or "wanted (2)", "wanted (3)", … — the first not in <paramref name="taken"/>, within the name limit.</summary>
    public static string Unique(string wanted, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(taken);
        var names = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var stem = Fit(wanted.Trim(), "");
        if (!names.Contains(stem))
            return stem;
        for (var n = 2; ; n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            var candidate = Fit(stem, suffix);
            if (!names.Contains(candidate))
                return candidate;
        }
    }

    private static string Fit(string stem, string suffix)
    {
        var room = ScenarioValidator.MaxNameLength - suffix.Length;
        return (stem.Length <= room ? stem : stem[..room].TrimEnd()) + suffix;
    }
}
