using System.Text.Json;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Tests.Specs;

public class DistillationJobSpecTests
{
    private static DistillationJobSpec Valid() => new()
    {
        OutputFolder = "/tmp/out",
        Partitions = [new(32, "s-mcu"), new(16, "s-small"), new(16, "s-large")],
    };

    [Fact]
    public void DefaultsAreThoseOfTheModel()
    {
        var spec = Valid();

        spec.Validate().ShouldBeEmpty();
        spec.Alpha.ShouldBe(0.9);
        spec.Temperature.ShouldBe(4);
        spec.Beta.ShouldBeNull();
        spec.FailoutProbability.ShouldBe(0.1);
        spec.TeacherFeatureChannels.ShouldBe(64);
        spec.Threads.ShouldBe(1);
    }

    [Fact]
    public void WidthsThatDoNotAddUpToFAreNamed()
    {
        var errors = (Valid() with { Partitions = [new(32, "s-mcu"), new(16, "s-small")] }).Validate();

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("partitions");
        error.Message.ShouldContain("32 + 16");
        error.Message.ShouldContain("add up to 48, not F = 64");
    }

    [Fact]
    public void UnknownStudentKeyListsTheKnownOnes()
    {
        var errors = (Valid() with { Partitions = [new(32, "s-mcu"), new(32, "s-huge")] }).Validate();

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("partitions[1].studentKey");
        error.Message.ShouldContain("'s-huge'");
        error.Message.ShouldContain("s-mcu, s-small, s-medium, s-large");
    }

    [Theory]
    [InlineData("studentEpochs")]
    [InlineData("teacherEpochs")]
    [InlineData("batchSize")]
    [InlineData("maxTrainImages")]
    [InlineData("maxTestImages")]
    [InlineData("failoutProbability")]
    [InlineData("threads")]
    public void OutOfRangeSettingsAreNamed(string field)
    {
        var spec = field switch
        {
            "studentEpochs" => Valid() with { StudentEpochs = 0 },
            "teacherEpochs" => Valid() with { TeacherEpochs = 0 },
            "batchSize" => Valid() with { BatchSize = 0 },
            "maxTrainImages" => Valid() with { MaxTrainImages = 99 },
            "maxTestImages" => Valid() with { MaxTestImages = 10 },
            "failoutProbability" => Valid() with { FailoutProbability = 1 },
            _ => Valid() with { Threads = 0 },
        };

        spec.Validate().ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void ALoadedTeacherNeedsNoEpochs() =>
        (Valid() with { TeacherPath = "/tmp/teacher.dat", TeacherEpochs = 0 }).Validate().ShouldBeEmpty();

    [Fact]
    public void MorePartitionsThanEightAreRefused()
    {
        var spec = Valid() with { Partitions = [.. Enumerable.Repeat(new DistillationPartitionSpec(4, "s-mcu"), 16)] };

        spec.Validate().ShouldHaveSingleItem().Message.ShouldContain("At most 8 partitions");
    }

    [Fact]
    public void JobFileRoundTrips()
    {
        var spec = Valid() with { DatasetFolder = "/data", Beta = 2.5, MaxTrainImages = 1000, Seed = 42 };

        var read = DistillationJson.ReadSpec(DistillationJson.WriteSpec(spec));

        read.ShouldBe(spec with { Partitions = read.Partitions });
        read.Partitions.ShouldBe(spec.Partitions);
    }

    [Fact]
    public void JobFileWithAnUnknownMemberIsRejected()
    {
        const string json = """{ "outputFolder": "/o", "partitions": [ { "width": 64, "studentKey": "s-mcu" } ], "studentEpoch": 3 }""";

        Should.Throw<JsonException>(() => DistillationJson.ReadSpec(json)).Message.ShouldContain("studentEpoch");
    }

    [Fact]
    public void JobFileWithoutPartitionsIsRejected() =>
        Should.Throw<JsonException>(() => DistillationJson.ReadSpec("""{ "outputFolder": "/o" }"""));

    [Fact]
    public void ProgressLineHasItsTypeFirstAndCamelCaseStage()
    {
        var line = DistillationJson.WriteLine(new DistillationProgressMessage(DistillationStage.Students, 2, 5, 0.5, 1.25, 0.8, "Epoch 2"));

        line.ShouldStartWith("""{"type":"progress","stage":"students","epoch":2,"epochs":5,"fraction":0.5""");
        line.ShouldNotContain("\n");
        DistillationJson.ReadLine(line).ShouldBe(new DistillationProgressMessage(DistillationStage.Students, 2, 5, 0.5, 1.25, 0.8, "Epoch 2"));
    }

    [Fact]
    public void ErrorLineCarriesTheFieldErrors()
    {
        var line = DistillationJson.WriteLine(new DistillationErrorMessage("bad", [new("batchSize", "too small")]));

        var message = DistillationJson.ReadLine(line).ShouldBeOfType<DistillationErrorMessage>();
        line.ShouldStartWith("""{"type":"error","message":"bad""");
        message.Errors.ShouldNotBeNull().ShouldHaveSingleItem().Field.ShouldBe("batchSize");
    }
}
