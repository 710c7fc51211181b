using Microsoft.ML.OnnxRuntime;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Engine.Tests.Inference;

public class OnnxInferenceSessionTests
{
    private static readonly Dictionary<string, float[]> TinyWeights = InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 101);

    private static byte[] TinyModel() => ArchitectureOnnxExporter.Export(InferenceFixtures.TinyConvNet, TinyWeights);

    [Fact]
    public void LoadsFromAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rocoin-{Guid.NewGuid():N}.onnx");
        try
        {
            var bytes = TinyModel();
            File.WriteAllBytes(path, bytes);
            var inputs = InferenceFixtures.Inputs(InferenceFixtures.TinyConvNet, 2, 102);

            using var fromFile = new OnnxInferenceSession(path);
            using var fromBytes = new OnnxInferenceSession(bytes);

            fromFile.Run(inputs, 2).ShouldBe(fromBytes.Run(inputs, 2));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MoreIntraOpThreadsGiveTheSameResult()
    {
        var inputs = InferenceFixtures.Inputs(InferenceFixtures.TinyConvNet, 3, 103);
        using var one = new OnnxInferenceSession(TinyModel());
        using var two = new OnnxInferenceSession(TinyModel(), intraOpNumThreads: 2);

        two.Run(inputs, 3).ShouldMatch(one.Run(inputs, 3), 1e-6);
    }

    [Fact]
    public void InputOfTheWrongLengthIsRejected()
    {
        using var session = new OnnxInferenceSession(TinyModel());

        var error = Should.Throw<ArgumentException>(() => session.Run(new float[100], 2));

        error.Message.ShouldContain("128");
        error.Message.ShouldContain("100");
    }

    [Fact]
    public void BatchMustBePositive()
    {
        using var session = new OnnxInferenceSession(TinyModel());

        Should.Throw<ArgumentOutOfRangeException>(() => session.Run([], 0));
    }

    [Fact]
    public void FixedBatchSizeIsEnforced()
    {
        var bytes = new OnnxGraphBuilder().Input("x", 1, 2).Output("y", 1, 2).Node("Relu", ["x"], ["y"]).ToBytes();
        using var session = new OnnxInferenceSession(bytes);

        session.Run([-1, 2], 1).ShouldBe([0f, 2]);
        Should.Throw<ArgumentException>(() => session.Run([1, 2, 3, 4], 2)).Message.ShouldContain("fixed at 1");
    }

    [Fact]
    public void ModelWithTwoInputsIsRejected()
    {
        var bytes = new OnnxGraphBuilder().Input("a", -1, 2).Input("b", -1, 2).Output("y", -1, 2).Node("Add", ["a", "b"], ["y"]).ToBytes();

        Should.Throw<ArgumentException>(() => new OnnxInferenceSession(bytes)).Message.ShouldContain("2 inputs");
    }

    [Fact]
    public void BytesThatAreNoModelAreRejected() =>
        Should.Throw<OnnxRuntimeException>(() => new OnnxInferenceSession([1, 2, 3]));

    [Fact]
    public void MissingFileIsRejected() =>
        Should.Throw<FileNotFoundException>(() => new OnnxInferenceSession(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx")));

    [Fact]
    public void RunAfterDisposeThrows()
    {
        var session = new OnnxInferenceSession(TinyModel());
        session.Dispose();
        session.Dispose();

        Should.Throw<ObjectDisposedException>(() => session.Run(new float[64], 1));
    }
}
