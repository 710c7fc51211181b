using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Tests.Models;

public class StudentCostTableTests
{
    private static readonly TeacherSpec Teacher = ModelCatalogue.DefaultTeacher;

    [Fact]
    public void EveryEntryEqualsTheDirectCost()
    {
        var table = StudentCostTable.ForCatalogue(Teacher);

        foreach (var student in ModelCatalogue.Students)
        {
            for (var d = 1; d <= Teacher.FeatureChannels; d++)
            {
                var direct = student.CostFor(d, Teacher);
                var stored = table.Get(student.Key, d);
                (stored.Parameters, stored.Flops, stored.MemoryBytes, stored.Layers.Count)
                    .ShouldBe((direct.Parameters, direct.Flops, direct.MemoryBytes, direct.Layers.Count), $"{student.Key}, d = {d}");
            }
        }
    }

    [Fact]
    public void LookupsReturnThePrecomputedCost()
    {
        var table = new StudentCostTable(Teacher, ModelCatalogue.Students);

        table.Get("s-small", 16).ShouldBeSameAs(table.Get("s-small", 16));
        table.Get("S-SMALL", 16).ShouldBeSameAs(table.Get("s-small", 16));
        table.MaxWidth.ShouldBe(64);
        table.Students.Count.ShouldBe(4);
        table.Contains("s-medium").ShouldBeTrue();
        table.Contains("s-huge").ShouldBeFalse();
    }

    [Fact]
    public void UnknownStudentIsRejectedWithTheKnownKeys()
    {
        var table = StudentCostTable.ForCatalogue(Teacher);

        var error = Should.Throw<ArgumentException>(() => table.Get("s-huge", 8));

        error.ParamName.ShouldBe("studentKey");
        error.Message.ShouldContain("Unknown student 's-huge'");
        error.Message.ShouldContain("s-mcu, s-small, s-medium, s-large");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(65)]
    public void WidthOutsideOneToFIsRejected(int width)
    {
        var table = StudentCostTable.ForCatalogue(Teacher);

        var error = Should.Throw<ArgumentException>(() => table.Get("s-mcu", width));

        error.ParamName.ShouldBe("width");
        error.Message.ShouldContain($"Width {width} is outside 1..64");
    }

    [Fact]
    public void WidthsFollowTheTeachersFeatureChannels()
    {
        var teacher = ModelCatalogue.CreateTeacher(featureChannels: 16);
        var table = StudentCostTable.ForCatalogue(teacher);

        table.Get("s-large", 16).Layers[^1].Output.ShouldBe(new TensorShape(16, 1, 1));
        Should.Throw<ArgumentException>(() => table.Get("s-large", 17));
    }

    [Fact]
    public void DuplicateKeysAreRejected()
    {
        var mcu = ModelCatalogue.Students[0];

        Should.Throw<ArgumentException>(() => new StudentCostTable(Teacher, [mcu, mcu]))
            .Message.ShouldContain("'s-mcu' appears more than once");
    }

    [Fact]
    public void NullKeyIsRejected()
    {
        var table = StudentCostTable.ForCatalogue(Teacher);

        Should.Throw<ArgumentNullException>(() => table.Get(null!, 1));
    }
}
