using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// The terms of the distillation loss (rocoin-model.md §5):
/// L = (1 − α)·CE(y, z_S) + α·T²·KL(softmax(z_T/T) ‖ softmax(z_S/T)) + β·L_AT.
/// </summary>
public static class DistillationLoss
{
    /// <summary>Mean cross-entropy of logits B×C against int64 labels B.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) => F.cross_entropy(logits, labels);

    /// <summary>
    /// T²·KL(softmax(z_T/T) ‖ softmax(z_S/T)), summed over classes and averaged over the batch (PyTorch's "batchmean").
    /// </summary>
    /// <remarks>TorchSharp's kl_div defaults to log_target = true; the target here is a probability (stack-notes gotcha 7).</remarks>
    public static Tensor KnowledgeDistillation(Tensor studentLogits, Tensor teacherLogits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(studentLogits);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        using var logStudent = F.log_softmax(studentLogits / temperature, 1);
        using var teacher = F.softmax(teacherLogits / temperature, 1);
        using var kl = F.kl_div(logStudent, teacher, log_target: false, reduction: nn.Reduction.Sum);
        return kl * (temperature * temperature / studentLogits.shape[0]);
    }

    /// <summary>
    /// The spatial attention map a = Σ_c A_c² of maps B×C×H×W over their channels, flattened to B×(H·W) and divided
    /// by its L2 norm per image (an all-zero map stays zero).
    /// </summary>
    public static Tensor AttentionMap(Tensor maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        using var squared = maps.pow(2);
        using var summed = squared.sum(1);
        using var flat = summed.flatten(1);
        return F.normalize(flat, p: 2, dim: 1);
    }

    /// <summary>
    /// L_AT = (1/B) Σ_b Σ_k ‖ a_S,k − a_T,P_k ‖₂² from normalised attention maps: one B×(H·W) tensor per student, and the
    /// teacher's as B×K×(H·W).
    /// </summary>
    public static Tensor Attention(IReadOnlyList<Tensor> studentAttention, Tensor teacherAttention)
    {
        ArgumentNullException.ThrowIfNull(studentAttention);
        ArgumentNullException.ThrowIfNull(teacherAttention);
        using var students = stack(studentAttention, 1);
        using var difference = students - teacherAttention;
        using var squared = difference.pow(2);
        using var perImage = squared.sum([1, 2]);
        return perImage.mean();
    }

    /// <summary>(1 − α)·CE + α·KD + β·AT, where KD already carries T².</summary>
    public static Tensor Combine(Tensor crossEntropy, Tensor knowledgeDistillation, Tensor attention, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(crossEntropy);
        ArgumentNullException.ThrowIfNull(knowledgeDistillation);
        ArgumentNullException.ThrowIfNull(attention);
        using var ce = crossEntropy * (1 - alpha);
        using var kd = knowledgeDistillation * alpha;
        using var at = attention * beta;
        using var partial = ce + kd;
        return partial + at;
    }

    /// <summary>
    /// β such that β·L_AT equals α·T²·KL on the first batch; 0 when the attention term is already 0 there (nothing to
    /// balance), and 0 when α = 0.
    /// </summary>
    public static double BalancingBeta(double weightedKnowledgeDistillation, double attention) =>
        attention > 1e-12 && double.IsFinite(weightedKnowledgeDistillation) ? weightedKnowledgeDistillation / attention : 0;
}
