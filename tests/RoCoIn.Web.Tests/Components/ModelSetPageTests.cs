using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Web.Components.Pages.Distillation;

namespace RoCoIn.Web.Tests.Components;

/// <summary>The model-set page on a result stored the way the distillation job stores it (no job services needed).</summary>
public class ModelSetPageTests : ComponentTestBase
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);
    private static readonly string HashAgg = new('c', 64);

    private static DistillationResult Result()
    {
        var spec = new DistillationJobSpec
        {
            OutputFolder = "/tmp/out",
            Partitions = [new(40, "s-mcu"), new(24, "s-mcu")],
            TeacherEpochs = 2,
            StudentEpochs = 3,
            Seed = 9,
        };
        return new DistillationResult(
            spec,
            new DistillationDataSummary("/data", "bundled subset", 900, 100, 300),
            new DistilledTeacher("/tmp/out/teacher.dat", true, 64, 100_000, 5_000_000, 400_000, 0.875),
            [
                new DistilledStudent(0, "s-mcu", 40, [.. Enumerable.Range(0, 40)], 20_000, 1_200_000, 80_000, HashA, HashA + ".onnx", 1e-6),
                new DistilledStudent(1, "s-mcu", 24, [.. Enumerable.Range(40, 24)], 12_000, 700_000, 48_000, HashB, HashB + ".onnx", 1e-6),
            ],
            new DistilledAggregator(650, 1_280, 2_600, HashAgg, HashAgg + ".onnx", 1e-6),
            new Dictionary<int, double> { [1] = 0.612, [2] = 0.433, [3] = 0.801 },
            0.801, 0.5, true, 0.3,
            [
                new DistillationEpoch(DistillationStage.Teacher, 1, 1.2, 0.7, 1),
                new DistillationEpoch(DistillationStage.Teacher, 2, 0.8, 0.875, 1),
                new DistillationEpoch(DistillationStage.Students, 1, 2.0, 0.6, 1),
                new DistillationEpoch(DistillationStage.Students, 2, 1.5, 0.7, 1),
                new DistillationEpoch(DistillationStage.Students, 3, 1.2, 0.801, 1),
            ],
            new DistillationDurations(1, 2, 1, 1, 3, 1, 1, 10));
    }

    [Fact]
    public async Task ShowsTeacherStudentsAloneAndEnsembleWithDownloadsAndTheDegradationTable()
    {
        var id = await Services.GetRequiredService<ModelSetStore>().SaveAsync("Tiny set", 1, null, Result(), Ct);

        var cut = Render<ModelSetPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => cut.Find("#model-set-title").TextContent.ShouldContain("Tiny set"));
        var rows = cut.FindAll("#accuracy-table tr.accuracy-row");
        rows.Select(r => r.GetAttribute("data-model")).ShouldBe(["teacher", "group-0", "group-1", "ensemble"]);
        rows[0].TextContent.ShouldContain("87.5%");
        rows[1].TextContent.ShouldContain("61.2%");
        rows[1].TextContent.ShouldContain("d = 40");
        rows[1].TextContent.ShouldContain("FLOP");
        rows[2].TextContent.ShouldContain("43.3%");
        rows[3].TextContent.ShouldContain("80.1%");
        var links = cut.FindAll("#accuracy-table a.onnx-download").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe([$"/api/model-sets/{id}/models/{HashA}.onnx", $"/api/model-sets/{id}/models/{HashB}.onnx", $"/api/model-sets/{id}/models/{HashAgg}.onnx"]);
        cut.FindAll("#degradation-table tr.subset-row").Select(r => r.GetAttribute("data-mask")).ShouldBe(["3", "1", "2"]);
        cut.Find("#model-set-plan").GetAttribute("href").ShouldBe("/plans/1");
        cut.Find("#history-loss-chart").ShouldNotBeNull();
    }

    [Fact]
    public void UnknownModelSetSaysSo()
    {
        var cut = Render<ModelSetPage>(p => p.Add(x => x.Id, 4242));

        cut.WaitForAssertion(() => cut.Find("#model-set-missing").TextContent.ShouldContain("does not exist"));
    }
}
