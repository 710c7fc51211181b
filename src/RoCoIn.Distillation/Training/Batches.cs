using RoCoIn.Engine.Randomness;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>Seeded shuffles and index tensors for mini-batches.</summary>
public static class Batches
{
    /// <summary>A Fisher–Yates permutation of 0..count − 1.</summary>
    public static int[] Shuffle(SeededRandom random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Number of batches of <paramref name="batchSize"/> covering <paramref name="count"/> items (the last may be short).</summary>
    public static int Count(int count, int batchSize) => (count + batchSize - 1) / batchSize;

    /// <summary>The int64 indices of batch <paramref name="batch"/> of <paramref name="order"/>.</summary>
    public static Tensor Indices(int[] order, int batch, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(order);
        var start = batch * batchSize;
        var length = Math.Min(batchSize, order.Length - start);
        var indices = new long[length];
        for (var i = 0; i < length; i++)
            indices[i] = order[start + i];
        return tensor(indices, [length]);
    }
}
