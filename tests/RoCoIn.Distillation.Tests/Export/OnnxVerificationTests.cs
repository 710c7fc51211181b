using RoCoIn.Distillation.Export;

namespace RoCoIn.Distillation.Tests.Export;

public class OnnxVerificationTests
{
    [Fact]
    public void CheckReturnsTheLargestDifferenceWithinTolerance() =>
        OnnxVerification.Check("m", [1f, 2f, 3f], [1f, 2.00005f, 3f]).ShouldBe(5e-5, 1e-6);

    [Fact]
    public void CheckFailsAboveTheTolerance()
    {
        var ex = Should.Throw<OnnxVerificationException>(() => OnnxVerification.Check("student 1", [1f, 2f], [1f, 2.001f]));

        ex.Message.ShouldContain("student 1");
    }

    [Fact]
    public void CheckFailsOnNaNOrALengthMismatch()
    {
        Should.Throw<OnnxVerificationException>(() => OnnxVerification.Check("m", [1f], [float.NaN]));
        Should.Throw<OnnxVerificationException>(() => OnnxVerification.Check("m", [1f, 2f], [1f]));
    }

    [Fact]
    public void ArgmaxMustAgreeOnlyWhereTheTopTwoAreApart()
    {
        // Row 0: a tie within the margin may flip. Row 1: a clear winner must not.
        float[] expected = [1f, 1.00005f, 0f, 3f, 1f, 0f];
        float[] flippedTie = [1.00005f, 1f, 0f, 3f, 1f, 0f];
        float[] flippedClear = [1f, 1.00005f, 0f, 1f, 3f, 0f];

        OnnxVerification.FirstArgmaxMismatch(expected, flippedTie, 3).ShouldBe(-1);
        OnnxVerification.FirstArgmaxMismatch(expected, flippedClear, 3).ShouldBe(1);
    }
}
