using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Tests.Inference;

public class ArchitectureOnnxExporterTests
{
    private const int Width = 4;
    private static readonly TeacherSpec Teacher = ModelCatalogue.DefaultTeacher;

    public static TheoryData<string> StudentKeys => new(ModelCatalogue.Students.Select(s => s.Key));

    public static TheoryData<string> ModelNames => new(["tiny", "teacher", "aggregator", .. ModelCatalogue.Students.Select(s => s.Key)]);

    private static Architecture Model(string name) => name switch
    {
        "tiny" => InferenceFixtures.TinyConvNet,
        "teacher" => Teacher.Architecture,
        "aggregator" => ModelCatalogue.Aggregator(Teacher),
        _ => ModelCatalogue.FindStudent(name).ShouldNotBeNull().Build(Width, Teacher),
    };

    private static void OnnxRuntimeMatchesReference(Architecture architecture, int batch, long seed)
    {
        var weights = InferenceFixtures.Weights(architecture, seed);
        var inputs = InferenceFixtures.Inputs(architecture, batch, seed + 1);
        using var session = new OnnxInferenceSession(ArchitectureOnnxExporter.Export(architecture, weights));

        var actual = session.Run(inputs, batch);

        actual.ShouldMatch(InferenceFixtures.ReferenceOutputs(architecture, weights, inputs, batch));
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(3, 12)]
    [InlineData(3, 13)]
    public void TinyConvNetMatchesTheReference(int batch, long seed) =>
        OnnxRuntimeMatchesReference(InferenceFixtures.TinyConvNet, batch, seed);

    [Theory]
    [MemberData(nameof(StudentKeys))]
    public void EveryStudentAtWidthFourMatchesTheReference(string key)
    {
        OnnxRuntimeMatchesReference(Model(key), batch: 1, seed: 21);
        OnnxRuntimeMatchesReference(Model(key), batch: 3, seed: 22);
    }

    [Fact]
    public void AggregatorMatchesTheReference()
    {
        OnnxRuntimeMatchesReference(Model("aggregator"), batch: 1, seed: 31);
        OnnxRuntimeMatchesReference(Model("aggregator"), batch: 3, seed: 32);
    }

    [Fact]
    public void TeacherMatchesTheReferenceOnTwoImages() =>
        OnnxRuntimeMatchesReference(Teacher.Architecture, batch: 2, seed: 41);

    [Fact]
    public void SpatialLayerAfterALinearIsReshapedBack()
    {
        var architecture = new Architecture("Linear then conv", new TensorShape(2, 3, 3),
            [new FlattenLayer(), new LinearLayer(8), new ReluLayer(), new Conv2dLayer(3, 1), new GlobalAvgPoolLayer()]);

        OnnxRuntimeMatchesReference(architecture, batch: 3, seed: 51);
    }

    [Fact]
    public void EmptyArchitectureIsTheIdentity()
    {
        var architecture = new Architecture("Empty", new TensorShape(2, 2, 2), []);
        var inputs = InferenceFixtures.Inputs(architecture, 3, 61);
        using var session = new OnnxInferenceSession(ArchitectureOnnxExporter.Export(architecture, new Dictionary<string, float[]>()));

        session.Run(inputs, 3).ShouldBe(inputs);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ExportedShapesAreTheArchitecturesShapesWithASymbolicBatch(string name)
    {
        var architecture = Model(name);
        var weights = InferenceFixtures.Weights(architecture, 71);

        using var session = new OnnxInferenceSession(ArchitectureOnnxExporter.Export(architecture, weights, "images", "features"));

        session.InputName.ShouldBe("images");
        session.OutputName.ShouldBe("features");
        var (input, output) = (architecture.Input, architecture.OutputShape);
        session.InputShape.ShouldBe([-1, input.Channels, input.Height, input.Width]);
        // Spatial outputs keep N×C×H×W; after a Flatten or Linear (logits) the output is N×C.
        long[] expected = Model(name).Layers is [.., LinearLayer] ? [-1, output.Channels] : [-1, output.Channels, output.Height, output.Width];
        session.OutputShape.ShouldBe(expected);
        session.OutputShape.Skip(1).Aggregate(1L, (a, b) => a * b).ShouldBe(output.Elements);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void WeightShapesHoldEveryParameterOfTheCost(string name)
    {
        var architecture = Model(name);

        var shapes = ArchitectureOnnxExporter.WeightShapes(architecture);

        shapes.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b)).ShouldBe(architecture.Cost().Parameters);
    }

    [Fact]
    public void WeightShapesFollowTorchSharpSequentialNames()
    {
        var shapes = ArchitectureOnnxExporter.WeightShapes(InferenceFixtures.TinyConvNet);

        shapes.Keys.Order(StringComparer.Ordinal).ShouldBe(["0.bias", "0.weight", "3.bias", "3.weight"]);
        shapes["0.weight"].ShouldBe([4L, 1, 3, 3]);
        shapes["3.weight"].ShouldBe([4L, 4, 3, 3]);
        shapes["3.bias"].ShouldBe([4L]);
        ArchitectureOnnxExporter.WeightShapes(ModelCatalogue.Aggregator(Teacher))["0.weight"].ShouldBe([10L, 64]);
    }

    [Fact]
    public void MissingWeightIsNamed()
    {
        var weights = InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 81);
        weights.Remove("3.bias");

        var error = Should.Throw<ArgumentException>(() => ArchitectureOnnxExporter.Export(InferenceFixtures.TinyConvNet, weights));

        error.Message.ShouldContain("'3.bias'");
        error.Message.ShouldContain("missing");
        error.Message.ShouldContain("expected 4 values");
    }

    [Fact]
    public void WrongLengthWeightIsNamedWithBothLengths()
    {
        var weights = InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 82);
        weights["3.weight"] = new float[140];

        var error = Should.Throw<ArgumentException>(() => ArchitectureOnnxExporter.Export(InferenceFixtures.TinyConvNet, weights));

        error.Message.ShouldContain("'3.weight'");
        error.Message.ShouldContain("140 values");
        error.Message.ShouldContain("expected 144");
    }

    [Fact]
    public void WeightOfNoLayerIsRejected()
    {
        var weights = InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 83);
        weights["1.weight"] = [1f];

        var error = Should.Throw<ArgumentException>(() => ArchitectureOnnxExporter.Export(InferenceFixtures.TinyConvNet, weights));

        error.Message.ShouldContain("'1.weight' belongs to no layer");
    }

    [Fact]
    public void UnevenAdaptivePoolIsRejected()
    {
        var architecture = new Architecture("Uneven", new TensorShape(1, 7, 7), [new AdaptiveAvgPoolLayer(2, 2)]);

        var error = Should.Throw<ArgumentException>(() => ArchitectureOnnxExporter.Export(architecture, new Dictionary<string, float[]>()));

        error.Message.ShouldContain("Layer 0");
        error.Message.ShouldContain("7×7");
    }

    [Fact]
    public void InputAndOutputNeedDifferentNames() =>
        Should.Throw<ArgumentException>(() =>
            ArchitectureOnnxExporter.Export(InferenceFixtures.TinyConvNet, InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 84), "x", "x"));

    [Fact]
    public void ExportIsDeterministic()
    {
        var architecture = Model("s-small");

        var first = ArchitectureOnnxExporter.Export(architecture, InferenceFixtures.Weights(architecture, 91));
        var second = ArchitectureOnnxExporter.Export(architecture, InferenceFixtures.Weights(architecture, 91));

        second.ShouldBe(first);
        ContentHash.Sha256Hex(second).ShouldBe(ContentHash.Sha256Hex(first));
    }
}
