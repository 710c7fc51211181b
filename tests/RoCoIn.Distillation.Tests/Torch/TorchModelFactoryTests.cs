using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Tests.Torch;

public class TorchModelFactoryTests
{
    private const int Width = 8;
    private static readonly TeacherSpec Teacher = ModelCatalogue.DefaultTeacher;

    public static TheoryData<string> ModelNames => new(["teacher", "aggregator", .. ModelCatalogue.Students.Select(s => s.Key)]);

    private static Architecture Model(string name) => name switch
    {
        "teacher" => Teacher.Architecture,
        "aggregator" => ModelCatalogue.Aggregator(Teacher),
        _ => ModelCatalogue.FindStudent(name).ShouldNotBeNull().Build(Width, Teacher),
    };

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ParameterNamesAndShapesAreTheExportersWeightShapes(string name)
    {
        var architecture = Model(name);
        using var module = TorchModelFactory.Build(architecture);

        var shapes = TorchModelFactory.ParameterShapes(module);

        var expected = ArchitectureOnnxExporter.WeightShapes(architecture);
        shapes.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (parameter, shape) in expected)
            shapes[parameter].ShouldBe(shape.ToArray(), parameter);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ParameterCountIsTheEnginesCost(string name)
    {
        var architecture = Model(name);
        using var module = TorchModelFactory.Build(architecture);

        var count = module.parameters().Sum(p => p.numel());

        count.ShouldBe(architecture.Cost().Parameters);
    }

    [Theory]
    [InlineData("s-mcu")]
    [InlineData("s-large")]
    [InlineData("aggregator")]
    public void ExtractedWeightsReproduceTheNetworkInTheReferenceForwardAndOnnxRuntime(string name)
    {
        var architecture = Model(name);
        manual_seed(7);
        using var module = TorchModelFactory.Build(architecture);
        module.eval();
        var inputs = Inputs(architecture, batch: 3, seed: 8);
        var weights = TorchModelFactory.ExtractWeights(module);

        float[] torchOutputs;
        using (no_grad())
        using (var input = tensor(inputs, [3, architecture.Input.Channels, architecture.Input.Height, architecture.Input.Width]))
        using (var output = module.call(input))
            torchOutputs = output.contiguous().data<float>().ToArray();
        using var session = new OnnxInferenceSession(ArchitectureOnnxExporter.Export(architecture, weights));
        var onnxOutputs = session.Run(inputs, 3);
        var perImage = (int)architecture.Input.Elements;
        var reference = Enumerable.Range(0, 3)
            .SelectMany(i => ReferenceForward.Run(architecture, weights, inputs.AsSpan(i * perImage, perImage))).ToArray();

        onnxOutputs.Length.ShouldBe(torchOutputs.Length);
        MaxAbsDifference(onnxOutputs, torchOutputs).ShouldBeLessThan(1e-5);
        MaxAbsDifference(reference, torchOutputs).ShouldBeLessThan(1e-5);
    }

    [Fact]
    public void LoadWeightsRoundTripsExtractWeights()
    {
        var architecture = Model("s-small");
        manual_seed(1);
        using var source = TorchModelFactory.Build(architecture);
        manual_seed(2);
        using var target = TorchModelFactory.Build(architecture);

        TorchModelFactory.LoadWeights(target, TorchModelFactory.ExtractWeights(source));

        var expected = TorchModelFactory.ExtractWeights(source);
        foreach (var (name, values) in TorchModelFactory.ExtractWeights(target))
            values.ShouldBe(expected[name], name);
    }

    [Fact]
    public void LinearLayersReadAMapAsItsFlattenedValues()
    {
        var architecture = new Architecture("map to linear", new TensorShape(2, 2, 2), [new LinearLayer(3)]);
        using var module = TorchModelFactory.Build(architecture);
        using var input = arange(8, ScalarType.Float32).reshape(1, 2, 2, 2);

        using var output = module.call(input);

        output.shape.ShouldBe([1L, 3L]);
    }

    private static float[] Inputs(Architecture architecture, int batch, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batch * (int)architecture.Input.Elements).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static double MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
