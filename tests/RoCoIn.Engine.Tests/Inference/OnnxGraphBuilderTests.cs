using Microsoft.ML.OnnxRuntime;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Engine.Tests.Inference;

public class OnnxGraphBuilderTests
{
    private static OnnxGraphBuilder Gemm(params OnnxAttributeValue[] extra) =>
        new OnnxGraphBuilder("gemm", "tests")
            .Input("x", -1, 3)
            .Output("y", -1, 2)
            .Initializer("w", [2, 3], [1, 2, 3, -1, 0, 1])
            .Initializer("b", [2], [0.5f, -0.5f])
            .Node("Gemm", ["x", "w", "b"], ["y"], [OnnxAttributeValue.OfInt("transB", 1), .. extra]);

    [Fact]
    public void GemmGraphRunsInOnnxRuntime()
    {
        using var session = new OnnxInferenceSession(Gemm().ToBytes());

        var output = session.Run([1, 1, 1, 2, 0, -1], batch: 2);

        output.ShouldBe([6.5f, -0.5f, -0.5f, -3.5f]);
    }

    [Fact]
    public void FloatAttributesAreWritten()
    {
        using var session = new OnnxInferenceSession(Gemm(OnnxAttributeValue.OfFloat("alpha", 2f)).ToBytes());

        session.Run([1, 1, 1], batch: 1).ShouldBe([12.5f, -0.5f]);
    }

    [Fact]
    public void StringAttributesAreWritten()
    {
        var bytes = new OnnxGraphBuilder()
            .Input("x", -1, 1, 3, 3)
            .Output("y", -1, 1, 3, 3)
            .Node("MaxPool", ["x"], ["y"], OnnxAttributeValue.OfInts("kernel_shape", 3, 3), OnnxAttributeValue.OfString("auto_pad", "SAME_UPPER"))
            .ToBytes();
        using var session = new OnnxInferenceSession(bytes);

        // With SAME_UPPER padding the 3×3 window keeps the map 3×3.
        session.Run([0, 1, 2, 3, 4, 5, 6, 7, 8], batch: 1).ShouldBe([4f, 5, 5, 7, 8, 8, 7, 8, 8]);
    }

    [Fact]
    public void MetadataParsesBackInOnnxRuntime()
    {
        var bytes = new OnnxGraphBuilder("tiny graph", "RoCoIn tests")
            .Input("images", -1, 1, 8, 8)
            .Output("pooled", -1, 1, 1, 1)
            .Node("GlobalAveragePool", ["images"], ["pooled"])
            .ToBytes();

        using var session = new InferenceSession(bytes);

        session.ModelMetadata.GraphName.ShouldBe("tiny graph");
        session.ModelMetadata.ProducerName.ShouldBe("RoCoIn tests");
        var input = session.InputMetadata.ShouldHaveSingleItem();
        input.Key.ShouldBe("images");
        input.Value.Dimensions.ShouldBe([-1, 1, 8, 8]);
        input.Value.SymbolicDimensions[0].ShouldBe("batch");
        session.OutputMetadata.ShouldHaveSingleItem().Key.ShouldBe("pooled");
    }

    [Fact]
    public void InitializerWithTheWrongNumberOfValuesIsRejected()
    {
        var error = Should.Throw<ArgumentException>(() => new OnnxGraphBuilder().Initializer("w", [2, 3], new float[5]));

        error.Message.ShouldContain("'w' has 5 values");
        error.Message.ShouldContain("needs 6");
    }

    [Fact]
    public void ATensorNameCanBeProducedOnlyOnce() =>
        Should.Throw<ArgumentException>(() => new OnnxGraphBuilder().Input("x", -1, 2).Initializer("x", [2], [1f, 2f]))
            .Message.ShouldContain("'x' is already used");

    [Fact]
    public void HeaderStartsWithIrVersionEight()
    {
        var bytes = new OnnxGraphBuilder().ToBytes();

        // Field 1, varint: tag 0x08, value 8.
        bytes[..2].ShouldBe(new byte[] { 0x08, 0x08 });
    }
}
