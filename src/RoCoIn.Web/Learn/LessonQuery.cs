using System.Globalization;

namespace RoCoIn.Web.Learn;

/// <summary>A query parameter that could not be used: which one, and what is allowed.</summary>
public sealed record LessonQueryError(string Parameter, string Message);

/// <summary>
/// A lesson's settings as they arrive in the URL. Every reader falls back to the default when the value is missing or
/// not allowed, and records an error naming the parameter and the allowed range, so a bad link still shows the lesson.
/// </summary>
public sealed class LessonQuery(IReadOnlyDictionary<string, string?> values)
{
    public const string K = "k";
    public const string Mode = "mode";
    public const string Seed = "seed";
    public const string Crash = "crash";
    public const string Device = "device";
    public const string Width = "d";
    public const string ModelSet = "set";

    /// <summary>Largest seed a lesson accepts: every seed fits a 32-bit field and reads well in a URL.</summary>
    public const long MaxSeed = int.MaxValue;

    private readonly List<LessonQueryError> _errors = [];

    /// <summary>Problems found so far, in the order they were read.</summary>
    public IReadOnlyList<LessonQueryError> Errors => _errors;

    /// <summary>The query of <paramref name="uri"/> (names case-insensitive; the first value of a repeated name).</summary>
    public static LessonQuery FromUri(string uri) => new(
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(uri).Query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase));

    /// <summary>Any 64-bit whole number (a form's seed), or <paramref name="fallback"/> with an error.</summary>
    public long AnySeed(string name, long fallback)
    {
        if (Raw(name) is not { } raw)
            return fallback;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            return seed;
        Reject(name, "the seed must be a whole number", $"seed {fallback.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }

    /// <summary>
    /// A finite number that <paramref name="allowed"/> accepts, or <paramref name="fallback"/> with an error saying
    /// <paramref name="rule"/> and showing <paramref name="fallbackText"/>.
    /// </summary>
    public double Number(string name, double fallback, Func<double, bool> allowed, string rule, string fallbackText)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (Raw(name) is not { } raw)
            return fallback;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && allowed(value))
            return value;
        Reject(name, rule, fallbackText);
        return fallback;
    }

    /// <summary>The raw value, or null when the parameter is missing or empty.</summary>
    public string? Raw(string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Whether the URL sets <paramref name="name"/>.</summary>
    public bool Has(string name) => Raw(name) is not null;

    /// <summary>Ids as an error message lists them: ascending, comma-separated.</summary>
    public static string List(IEnumerable<int> ids) => string.Join(", ", ids.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Records a problem with <paramref name="name"/> that only the lesson can judge (e.g. an unknown id).</summary>
    public void Reject(string name, string allowed, string fallback) =>
        _errors.Add(new(name, $"{name} = {Raw(name)} is not allowed: {allowed}. Showing {fallback} instead."));

    /// <summary>
    /// A whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> with an error
    /// saying "<paramref name="what"/> must be a whole number from min to max".
    /// </summary>
    public long WholeNumber(string name, long min, long max, long fallback, string what, string fallbackText)
    {
        var raw = Raw(name);
        if (raw is null)
            return fallback;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        Reject(name, $"{what} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
            fallbackText);
        return fallback;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive, returned as listed), or <paramref name="fallback"/>.</summary>
    public string Choice(string name, IReadOnlyList<string> allowed, string fallback, string what)
    {
        var raw = Raw(name);
        if (raw is null)
            return fallback;
        var match = allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
            return match;
        Reject(name, $"{what} must be one of {string.Join(", ", allowed)}", fallback);
        return fallback;
    }

    /// <summary>
    /// A comma-separated list of whole numbers, each in <paramref name="allowed"/>; on any bad entry the whole list is
    /// dropped (nothing changed) with an error listing the allowed values.
    /// </summary>
    public IReadOnlyList<int> IdList(string name, IReadOnlyCollection<int> allowed, string what)
    {
        var raw = Raw(name);
        if (raw is null)
            return [];
        var ids = new List<int>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || !allowed.Contains(id))
            {
                Reject(name, $"{what} must be a comma-separated list of {List(allowed)}", "none");
                return [];
            }
            if (!ids.Contains(id))
                ids.Add(id);
        }
        ids.Sort();
        return ids;
    }
}
