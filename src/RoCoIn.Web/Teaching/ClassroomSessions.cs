using System.Security.Cryptography;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Teaching;

/// <summary>
/// Join codes of the runs a presenter shares with a class (issue 9, item 4). A code is 6 characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), typed with or without its dash, in any case. A run keeps its code while it is
/// live and while the code is open; the code ends with the run (asked of <see cref="RunHost"/>, so no notice is needed
/// when a run ends). Thread-safe: pages of many circuits and the API share one instance.
/// </summary>
public sealed class ClassroomSessions
{
    /// <summary>The characters a code is made of.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int CodeLength = 6;

    /// <summary>Most codes open at once (default). Far above the live runs a studio hosts; a guard, not a quota.</summary>
    public const int DefaultMaxOpen = 100;

    private readonly RunHost _host;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _runByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _codeByRun = [];

    public ClassroomSessions(RunHost host, int maxOpen = DefaultMaxOpen)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpen, 1);
        _host = host;
        MaxOpen = maxOpen;
    }

    public int MaxOpen { get; }

    /// <summary>Codes open now (some may belong to runs that have just ended; they go at the next look).</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock)
                return _runByCode.Count;
        }
    }

    /// <summary>
    /// The run's code, opening one if it has none: the same run gets the same code while it is open. A conflict when
    /// the run is not live or <see cref="MaxOpen"/> codes are open.
    /// </summary>
    public StoreResult<ClassroomCode> Open(int runId)
    {
        if (!_host.IsLive(runId))
            return StoreResult<ClassroomCode>.Conflict($"Run {runId} is not live: only a live run can be followed by a class.");
        lock (_lock)
        {
            if (_codeByRun.TryGetValue(runId, out var existing))
                return StoreResult<ClassroomCode>.Ok(new ClassroomCode(runId, Display(existing)));
            ForgetEndedRuns();
            if (_runByCode.Count >= MaxOpen)
            {
                return StoreResult<ClassroomCode>.Conflict(
                    $"{_runByCode.Count} class codes are open, the most this studio keeps at once; a code closes when its run ends, so stop a shared run first.");
            }
            string code;
            do
            {
                code = new string(RandomNumberGenerator.GetItems(Alphabet.AsSpan(), CodeLength));
            }
            while (_runByCode.ContainsKey(code));
            _runByCode[code] = runId;
            _codeByRun[runId] = code;
            return StoreResult<ClassroomCode>.Ok(new ClassroomCode(runId, Display(code)));
        }
    }

    /// <summary>The live run a code (with or without its dash, any case) belongs to, or why there is none.</summary>
    public ClassroomLookup Resolve(string? code)
    {
        var normal = Normalise(code);
        if (normal is null)
        {
            var typed = code?.Trim() ?? "";
            return new ClassroomLookup(typed, null, typed.Length == 0
                ? "Type the class code the presenter shows, such as K7M-Q2P."
                : $"'{typed}' is not a class code: a code has {CodeLength} letters and digits, such as K7M-Q2P (no 0, 1, I, L or O).");
        }
        var shown = Display(normal);
        lock (_lock)
        {
            if (!_runByCode.TryGetValue(normal, out var runId))
                return new ClassroomLookup(shown, null, NoLiveRun(shown));
            if (_host.IsLive(runId))
                return new ClassroomLookup(shown, runId, null);
            Forget(normal, runId);
            return new ClassroomLookup(shown, null, $"{NoLiveRun(shown)} Run {runId} had it and is over.");
        }
    }

    /// <summary>The message for a well-formed code that leads to no live run.</summary>
    public static string NoLiveRun(string code) => $"No live class run has the code {code}; codes end when the run ends.";

    /// <summary>The 6 characters of a typed code (dash, spaces and case ignored), or null when it cannot be one.</summary>
    public static string? Normalise(string? code)
    {
        if (code is null)
            return null;
        Span<char> chars = stackalloc char[CodeLength];
        var count = 0;
        foreach (var c in code)
        {
            if (c is '-' || char.IsWhiteSpace(c))
                continue;
            var upper = char.ToUpperInvariant(c);
            if (count == CodeLength || !Alphabet.Contains(upper, StringComparison.Ordinal))
                return null;
            chars[count++] = upper;
        }
        return count == CodeLength ? new string(chars) : null;
    }

    /// <summary>A code as people read it: two groups of three ("K7M-Q2P").</summary>
    public static string Display(string normalCode)
    {
        ArgumentNullException.ThrowIfNull(normalCode);
        return normalCode.Length == CodeLength ? $"{normalCode[..3]}-{normalCode[3..]}" : normalCode;
    }

    private void ForgetEndedRuns()
    {
        foreach (var (code, runId) in _runByCode.Where(p => !_host.IsLive(p.Value)).ToList())
            Forget(code, runId);
    }

    private void Forget(string code, int runId)
    {
        _runByCode.Remove(code);
        _codeByRun.Remove(runId);
    }
}
