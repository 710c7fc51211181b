using System.Globalization;
using RoCoIn.Distillation.Torch;
using RoCoIn.Distillation.Training;
using RoCoIn.Engine.Inference;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Export;

/// <summary>
/// Writes every student and the aggregator as ONNX (<see cref="ArchitectureOnnxExporter"/>) under its content hash, after
/// checking ONNX Runtime against the trained TorchSharp networks on the whole test set (<see cref="OnnxVerification"/>).
/// A model that fails the check is not written and the job fails.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Images per ONNX Runtime or trainer batch.</summary>
    public const int BatchSize = 500;

    /// <summary>Name of a model's graph input.</summary>
    public const string InputName = "input";

    /// <summary>Name of a student's graph output (N×d×1×1).</summary>
    public const string FeaturesName = "features";

    /// <summary>Name of the aggregator's graph output (N×classes).</summary>
    public const string LogitsName = "logits";

    /// <summary>Exports, verifies and writes the ensemble's models into <paramref name="outputFolder"/>.</summary>
    /// <param name="ensemble">The trained networks.</param>
    /// <param name="test">The test images.</param>
    /// <param name="outputFolder">Where &lt;hash&gt;.onnx files go.</param>
    /// <param name="progress">Called with (models done, models in all, what was done).</param>
    /// <param name="cancellationToken">Stops between models and batches.</param>
    /// <exception cref="OnnxVerificationException">A model's ONNX Runtime outputs differ from the trainer's.</exception>
    public static ExportedEnsemble ExportAndVerify(StudentEnsemble ensemble, ImageTensors test, string outputFolder,
        Action<int, int, string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(outputFolder);
        ArgumentNullException.ThrowIfNull(progress);
        var models = ensemble.Students.Count + 1;
        var students = new List<ExportedModel>();
        var torchFeatures = new List<float[]>();
        var onnxFeatures = new List<float[]>();
        var pixelsPerImage = (int)ensemble.Students[0].Architecture.Input.Elements;
        foreach (var student in ensemble.Students)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = ArchitectureOnnxExporter.Export(student.Architecture, TorchModelFactory.ExtractWeights(student.Module), InputName, FeaturesName);
            student.Module.eval();
            var expected = TorchOutputs(student.Features, test, cancellationToken);
            var actual = OnnxOutputs(bytes, test.Pixels, pixelsPerImage, test.Count, cancellationToken);
            var name = Text($"student {student.Partition} ({student.Student.Key}, d = {student.Width})");
            var difference = OnnxVerification.Check(name, expected, actual);
            students.Add(Write(bytes, outputFolder, difference));
            torchFeatures.Add(expected);
            onnxFeatures.Add(actual);
            progress(students.Count, models, Text($"Exported {name}: max |Δ| {difference:G2}"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var aggregatorBytes = ArchitectureOnnxExporter.Export(ensemble.AggregatorArchitecture,
            TorchModelFactory.ExtractWeights(ensemble.Aggregator), InputName, LogitsName);
        var featureCount = ensemble.Widths.Sum();
        var expectedLogits = TorchAggregate(ensemble, Concatenate(torchFeatures, ensemble.Widths, test.Count), featureCount, test.Count);
        var actualLogits = OnnxOutputs(aggregatorBytes, Concatenate(onnxFeatures, ensemble.Widths, test.Count), featureCount, test.Count,
            cancellationToken);
        var logitDifference = OnnxVerification.Check("the aggregator (students included)", expectedLogits, actualLogits);
        var classes = (int)(expectedLogits.Length / test.Count);
        var mismatch = OnnxVerification.FirstArgmaxMismatch(expectedLogits, actualLogits, classes);
        if (mismatch >= 0)
        {
            throw new OnnxVerificationException(Text(
                $"ONNX Runtime predicts another class than the trainer for test image {mismatch}, whose top two logits are more than {OnnxVerification.ArgmaxMargin:G1} apart."));
        }
        var aggregator = Write(aggregatorBytes, outputFolder, logitDifference);
        progress(models, models, Text($"Exported the aggregator: max |Δ| {logitDifference:G2}"));
        return new ExportedEnsemble(students, aggregator, onnxFeatures);
    }

    /// <summary>The features of every image side by side in partition order: N×F, row-major.</summary>
    public static float[] Concatenate(IReadOnlyList<float[]> features, IReadOnlyList<int> widths, int count, int subset = -1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(widths);
        var total = widths.Sum();
        var joined = new float[count * total];
        var offset = 0;
        for (var k = 0; k < widths.Count; k++)
        {
            if ((subset & (1 << k)) != 0)
            {
                for (var i = 0; i < count; i++)
                    Array.Copy(features[k], i * widths[k], joined, (i * total) + offset, widths[k]);
            }
            offset += widths[k];
        }
        return joined;
    }

    private static float[] TorchOutputs(Func<Tensor, Tensor> forward, ImageTensors data, CancellationToken cancellationToken)
    {
        using var _ = no_grad();
        var outputs = new List<float>();
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var length = Math.Min(BatchSize, data.Count - start);
            outputs.AddRange(forward(data.Images.narrow(0, start, length)).contiguous().data<float>().ToArray());
        }
        return [.. outputs];
    }

    private static float[] TorchAggregate(StudentEnsemble ensemble, float[] features, int featureCount, int count)
    {
        ensemble.Aggregator.eval();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(features, [count, featureCount]);
        return ensemble.Aggregator.call(input).contiguous().data<float>().ToArray();
    }

    private static float[] OnnxOutputs(byte[] model, float[] inputs, int valuesPerItem, int count, CancellationToken cancellationToken)
    {
        using var session = new OnnxInferenceSession(model);
        var outputs = new List<float>();
        for (var start = 0; start < count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(BatchSize, count - start);
            outputs.AddRange(session.Run(inputs.AsSpan(start * valuesPerItem, length * valuesPerItem), length));
        }
        return [.. outputs];
    }

    private static ExportedModel Write(byte[] bytes, string outputFolder, double difference)
    {
        var hash = ContentHash.Sha256Hex(bytes);
        var fileName = hash + ".onnx";
        AtomicFile.WriteAllBytes(Path.Combine(outputFolder, fileName), bytes);
        return new ExportedModel(hash, fileName, bytes, difference);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
