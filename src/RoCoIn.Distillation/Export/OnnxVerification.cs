using System.Globalization;

namespace RoCoIn.Distillation.Export;

/// <summary>
/// The checks an exported model must pass against the trainer on the whole test set: every output within
/// <see cref="Tolerance"/>, and for logits the same predicted class wherever the trainer's top two are more than
/// <see cref="ArgmaxMargin"/> apart (closer than that, rounding may legitimately swap them).
/// </summary>
public static class OnnxVerification
{
    /// <summary>Largest allowed |ONNX Runtime − trainer| on features and logits.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Top-two margin above which the predicted classes must agree.</summary>
    public const double ArgmaxMargin = 1e-4;

    /// <summary>max |expected − actual|; +∞ if the lengths differ or a value is NaN.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
            return double.PositiveInfinity;
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs((double)expected[i] - actual[i]);
            if (double.IsNaN(difference))
                return double.PositiveInfinity;
            max = Math.Max(max, difference);
        }
        return max;
    }

    /// <summary>The first row whose predicted class differs although the trainer's top-two margin exceeds <see cref="ArgmaxMargin"/>, or −1.</summary>
    public static int FirstArgmaxMismatch(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        for (var row = 0; row < expected.Length / classes; row++)
        {
            var e = expected.Slice(row * classes, classes);
            var a = actual.Slice(row * classes, classes);
            var best = ArgMax(e);
            var runnerUp = float.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                if (c != best)
                    runnerUp = Math.Max(runnerUp, e[c]);
            }
            if (e[best] - runnerUp > ArgmaxMargin && ArgMax(a) != best)
                return row;
        }
        return -1;
    }

    /// <summary>Throws unless <paramref name="actual"/> is within <see cref="Tolerance"/> of <paramref name="expected"/>; returns the largest difference.</summary>
    /// <exception cref="OnnxVerificationException">A difference above the tolerance, a length mismatch or a NaN.</exception>
    public static double Check(string model, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        var max = MaxAbsDifference(expected, actual);
        if (!(max <= Tolerance))
        {
            throw new OnnxVerificationException(string.Create(CultureInfo.InvariantCulture,
                $"ONNX Runtime's outputs of {model} differ from the trainer's by up to {max:G3} (allowed {Tolerance:G1}; {actual.Length} values vs {expected.Length})."));
        }
        return max;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
