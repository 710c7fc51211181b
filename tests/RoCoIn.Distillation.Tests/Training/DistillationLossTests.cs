using RoCoIn.Distillation.Training;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Tests.Training;

public class DistillationLossTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void KnowledgeDistillationIsTemperatureSquaredTimesTheBatchMeanKlDivergence()
    {
        // T = 2: z_S/T = (0, 0) → p_S = (1/2, 1/2); z_T/T = (ln 3, 0) → p_T = (3/4, 1/4).
        const double temperature = 2;
        using var student = tensor(new float[] { 0, 0, 0, 0 }, [2, 2]);
        using var teacher = tensor(new float[] { (float)(2 * Math.Log(3)), 0, (float)(2 * Math.Log(3)), 0 }, [2, 2]);

        using var kd = DistillationLoss.KnowledgeDistillation(student, teacher, temperature);

        var kl = (0.75 * Math.Log(0.75 / 0.5)) + (0.25 * Math.Log(0.25 / 0.5));
        Value(kd).ShouldBe(temperature * temperature * kl, Tolerance);
    }

    [Fact]
    public void KnowledgeDistillationOfIdenticalLogitsIsZero()
    {
        using var logits = tensor(new float[] { 1, -2, 3, 0.5f, 0.5f, 4 }, [2, 3]);

        using var kd = DistillationLoss.KnowledgeDistillation(logits, logits, 4);

        Value(kd).ShouldBe(0, Tolerance);
    }

    [Fact]
    public void KnowledgeDistillationUsesProbabilitiesNotLogProbabilitiesAsTarget()
    {
        // With log_target = true (TorchSharp's default) the teacher's softmax would be read as log-probabilities and
        // this loss would be negative.
        using var student = tensor(new float[] { 2, 0, -1 }, [1, 3]);
        using var teacher = tensor(new float[] { 0, 1, 3 }, [1, 3]);

        using var kd = DistillationLoss.KnowledgeDistillation(student, teacher, 1);

        var pS = Softmax([2, 0, -1]);
        var pT = Softmax([0, 1, 3]);
        Value(kd).ShouldBe(pT.Zip(pS, (t, s) => t * Math.Log(t / s)).Sum(), Tolerance);
    }

    [Fact]
    public void AttentionMapSumsSquaresOverChannelsAndNormalisesPerImage()
    {
        // One image, two channels on a 1×2 map: A_0 = (1, 0), A_1 = (0, 2) → a = (1, 4) / √17.
        using var maps = tensor(new float[] { 1, 0, 0, 2 }, [1, 2, 1, 2]);

        using var attention = DistillationLoss.AttentionMap(maps);

        attention.shape.ShouldBe([1L, 2L]);
        var values = attention.data<float>().ToArray();
        ((double)values[0]).ShouldBe(1 / Math.Sqrt(17), Tolerance);
        ((double)values[1]).ShouldBe(4 / Math.Sqrt(17), Tolerance);
    }

    [Fact]
    public void AttentionMapIgnoresScaleAndChannelCount()
    {
        using var small = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        using var scaled = small * 5;
        using var twice = cat([small, small], 1);

        using var a = DistillationLoss.AttentionMap(small);
        using var b = DistillationLoss.AttentionMap(scaled);
        using var c = DistillationLoss.AttentionMap(twice);

        b.data<float>().ToArray().ShouldBe(a.data<float>().ToArray(), Tolerance);
        c.data<float>().ToArray().ShouldBe(a.data<float>().ToArray(), Tolerance);
    }

    [Fact]
    public void AttentionDistanceSumsOverStudentsAndAveragesOverImages()
    {
        // Two students, two images, maps of two cells. Image 0 matches perfectly; image 1 has orthogonal maps for
        // student 0 (distance 2) and matches for student 1: L_AT = (0 + 2) / 2 = 1.
        using var student0 = tensor(new float[] { 1, 0, 1, 0 }, [2, 2]);
        using var student1 = tensor(new float[] { 0, 1, 0, 1 }, [2, 2]);
        using var teacher = tensor(new float[] { 1, 0, 0, 1, 0, 1, 0, 1 }, [2, 2, 2]);

        using var distance = DistillationLoss.Attention([student0, student1], teacher);

        Value(distance).ShouldBe(1, Tolerance);
    }

    [Fact]
    public void CrossEntropyOfEqualLogitsIsLogOfTheClassCount()
    {
        using var logits = zeros(3, 4);
        using var labels = tensor(new long[] { 0, 1, 3 }, [3]);

        using var ce = DistillationLoss.CrossEntropy(logits, labels);

        Value(ce).ShouldBe(Math.Log(4), Tolerance);
    }

    [Fact]
    public void CombineWeighsTheTermsWithAlphaAndBeta()
    {
        using var ce = tensor(2f);
        using var kd = tensor(3f);
        using var at = tensor(5f);

        using var total = DistillationLoss.Combine(ce, kd, at, alpha: 0.9, beta: 0.5);

        Value(total).ShouldBe((0.1 * 2) + (0.9 * 3) + (0.5 * 5), Tolerance);
    }

    [Theory]
    [InlineData(3.0, 1.5, 2.0)]
    [InlineData(3.0, 0.0, 0.0)]
    [InlineData(0.0, 2.0, 0.0)]
    public void BalancingBetaMakesTheAttentionTermTheSizeOfTheKdTerm(double weightedKd, double attention, double beta) =>
        DistillationLoss.BalancingBeta(weightedKd, attention).ShouldBe(beta, Tolerance);

    private static double Value(Tensor scalar) => scalar.item<float>();

    private static double[] Softmax(double[] logits)
    {
        var exp = logits.Select(Math.Exp).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }
}
