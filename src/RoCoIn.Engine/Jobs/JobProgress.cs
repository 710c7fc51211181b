namespace RoCoIn.Engine.Jobs;

/// <summary>How far a running job has got, as a handler reports it through <see cref="IProgress{T}"/>.</summary>
/// <param name="Fraction">Share of the work done, from 0 to 1 inclusive.</param>
/// <param name="Message">What the job is doing now, for people (e.g. "Epoch 2 of 5").</param>
public sealed record JobProgress(double Fraction, string Message)
{
    /// <summary>Share of the work done, from 0 to 1 inclusive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Fraction { get; init; } = Fraction is >= 0 and <= 1
        ? Fraction
        : throw new ArgumentOutOfRangeException(nameof(Fraction), Fraction, "A job's progress fraction must be between 0 and 1.");

    /// <summary>What the job is doing now, for people; never null.</summary>
    public string Message { get; init; } = Message ?? "";

    /// <summary>Progress after <paramref name="done"/> of <paramref name="total"/> steps.</summary>
    /// <remarks>Counts outside 0..total are clamped, so rounding in a caller's loop never throws; a total of 0 or less counts as done.</remarks>
    public static JobProgress Step(long done, long total, string message) =>
        new(total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1), message);
}
