using RoCoIn.Engine.Models;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Components.Shared;

namespace RoCoIn.Web.Tests.Components;

public class ModelCataloguePanelTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    private static readonly StudentCostTable Costs = StudentCostTable.ForCatalogue(ModelCatalogue.DefaultTeacher);

    [Fact]
    public void ListsTheTeacherAndAllFourStudents()
    {
        var cut = Render<ModelCataloguePanel>();

        cut.FindAll("#catalogue-students-table tbody tr").Count.ShouldBe(4);
        foreach (var student in ModelCatalogue.Students)
            cut.Find("#catalogue-students-table").TextContent.ShouldContain(student.DisplayName);
        var teacher = cut.Find("#catalogue-teacher");
        teacher.TextContent.ShouldContain("64×7×7");
        teacher.TextContent.ShouldContain(SiFormat.FlopCount(ModelCatalogue.DefaultTeacher.Architecture.Cost().Flops));
        cut.FindAll("#catalogue-teacher-layers tbody tr").Count.ShouldBe(ModelCatalogue.DefaultTeacher.Architecture.Layers.Count);
    }

    [Fact]
    public void StudentsAreCostedAtWidthSixteenByDefault()
    {
        var cut = Render<ModelCataloguePanel>();

        cut.Find("#catalogue-flops-s-large").TextContent.ShouldBe(SiFormat.FlopCount(Costs.Get("s-large", 16).Flops));
        cut.Find("#catalogue-memory-s-mcu").TextContent.ShouldBe(SiFormat.Bytes(Costs.Get("s-mcu", 16).MemoryBytes));
    }

    [Fact]
    public void ChangingTheWidthChangesTheDisplayedFlops()
    {
        var changed = new List<int>();
        var cut = Render<ModelCataloguePanel>(p => p.Add(c => c.OnWidthChanged, (int d) => changed.Add(d)));
        var before = cut.Find("#catalogue-flops-s-large").TextContent;

        cut.Find("#catalogue-width").Input("48");

        cut.WaitForAssertion(() =>
            cut.Find("#catalogue-flops-s-large").TextContent.ShouldBe(SiFormat.FlopCount(Costs.Get("s-large", 48).Flops)));
        cut.Find("#catalogue-flops-s-large").TextContent.ShouldNotBe(before);
        changed.ShouldBe([48]);
    }

    [Fact]
    public void ExpandingAStudentShowsItsLayersAtTheChosenWidth()
    {
        var cut = Render<ModelCataloguePanel>(p => p.Add(c => c.InitialWidth, 8));
        cut.FindAll("#catalogue-layers-s-small").ShouldBeEmpty();

        cut.Find("#catalogue-toggle-s-small").Click();

        var layers = cut.Find("#catalogue-layers-s-small");
        layers.TextContent.ShouldContain("Conv 1×1 → 8");
        layers.TextContent.ShouldContain("8×1×1");
        cut.Find("#catalogue-toggle-s-small").Click();
        cut.FindAll("#catalogue-layers-s-small").ShouldBeEmpty();
    }

    [Fact]
    public void AccuracyPriorsAreNotShown()
    {
        var cut = Render<ModelCataloguePanel>();

        cut.Markup.ShouldNotContain("ccuracy");
        foreach (var student in ModelCatalogue.Students)
        {
            cut.Markup.ShouldNotContain(student.AccuracyPrior.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cut.Markup.ShouldNotContain($"{student.AccuracyPrior * 100:0} %");
        }
    }
}
