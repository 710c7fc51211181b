using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Tests.Api;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Distillation;

public class DemoModelSetTests() : ApiTestBase(new StudioFactory(seedDemoContent: true))
{
    [Fact]
    public async Task NewDatabaseLoadsTheBundledModelSetForTheDemoPlanWithItsOnnxFiles()
    {
        using var client = Factory.CreateClient();   // starts the studio, which seeds a new database

        var store = Factory.Services.GetRequiredService<ModelSetStore>();
        var summary = (await store.ListAsync(Ct)).ShouldHaveSingleItem();
        var set = (await store.GetAsync(summary.Id, Ct))!;
        var plan = (await Factory.Services.GetRequiredService<PlanStore>().GetAsync(set.PlanId!.Value, Ct))!;

        plan.Document.Result.Plan!.Groups.Select(g => (g.Width, g.StudentKey))
            .ShouldBe(set.Result.Students.Select(s => (s.Width, s.StudentKey)));
        set.Result.AccuracyBySubset.Count.ShouldBe((1 << set.Result.Students.Count) - 1);
        foreach (var hash in set.Result.Students.Select(s => s.ModelHash).Append(set.Result.Aggregator.ModelHash))
            File.Exists(Path.Combine(Factory.DataPath, "models", $"{hash}.onnx")).ShouldBeTrue();
        File.Exists(set.Result.Teacher.WeightsPath).ShouldBeTrue();
    }
}
