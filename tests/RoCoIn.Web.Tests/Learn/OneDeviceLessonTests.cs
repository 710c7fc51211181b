using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Lesson "one-device": the teacher's figures against the stored devices, as the engine computes them.</summary>
public class OneDeviceLessonTests : LessonTestBase
{
    private static readonly ArchitectureCost TeacherCost = ModelCatalogue.DefaultTeacher.Architecture.Cost();

    private static RequestCosts Costs => RequestCosts.FashionMnist(ModelCatalogue.Aggregator(ModelCatalogue.DefaultTeacher).Cost().Flops,
        new PlanSettings().RequesterFlopsPerSecond);

    private async Task<DeviceProfile> DeviceAsync(string name) =>
        (await Services.GetRequiredService<DeviceStore>().ListAsync(Ct)).Single(d => d.Name == name);

    [Fact]
    public void TheTeachersCostIsTheEnginesCountOfItsLayers()
    {
        var cut = Open("/learn/one-device/1");

        Figure(cut, "teacher-parameters").ShouldBe(LessonFormat.Count(TeacherCost.Parameters));
        Figure(cut, "teacher-flops").ShouldBe(LessonFormat.FlopCount(TeacherCost.Flops));
        Figure(cut, "teacher-memory").ShouldBe(LessonFormat.Bytes(TeacherCost.MemoryBytes));
        cut.FindAll("#teacher-layers tbody tr").Count.ShouldBe(TeacherCost.Layers.Count);
    }

    [Fact]
    public async Task ByDefaultItFollowsTheDeviceWithTheLeastMemoryAndTheTeacherDoesNotFitIt()
    {
        var mcu = await DeviceAsync("mcu-01");

        var cut = Open("/learn/one-device/2");

        Figure(cut, "device-memory").ShouldBe(LessonFormat.Bytes(mcu.MemoryBytes));
        Figure(cut, "teacher-fits").ShouldBe(TeacherCost.MemoryBytes <= mcu.MemoryBytes ? "fits" : "does not fit");
        Figure(cut, "teacher-fits").ShouldBe("does not fit");
        cut.Find($"#device-fit-table tr.selected-row").GetAttribute("data-device").ShouldBe(mcu.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var devices = await Services.GetRequiredService<DeviceStore>().ListAsync(Ct);
        cut.FindAll("#device-fit-table tr.device-row").Select(r => Cells(r)[3])
            .ShouldBe(devices.OrderBy(d => d.Id).Select(d => TeacherCost.MemoryBytes <= d.MemoryBytes ? "fits" : "does not fit"));
    }

    [Fact]
    public async Task TheTeachersLatencyOnTheChosenDeviceIsTheEnginesMemberTime()
    {
        var pi = await DeviceAsync("pi3-01");

        var cut = Open($"/learn/one-device/3?device={pi.Id}");

        var seconds = LatencyModel.MemberSeconds(pi, TeacherCost.Flops, ModelCatalogue.DefaultTeacher.Classes, Costs);
        Figure(cut, "teacher-seconds").ShouldBe(LessonFormat.Duration(seconds));
        Figure(cut, "deadline").ShouldBe(LessonFormat.Duration(new PlanSettings().DeadlineSeconds));
        Figure(cut, "teacher-in-time").ShouldBe(seconds <= 1 ? "in time" : "too late: the request fails");
        cut.Find($"#device-latency-table tr[data-device='{pi.Id}'] .teacher-seconds").TextContent.ShouldBe(LessonFormat.Duration(seconds));
    }

    [Fact]
    public async Task StudentsAtTheWidthInTheUrlAreCostedAndTimedByTheEngine()
    {
        var mcu = await DeviceAsync("mcu-02");

        var cut = Open($"/learn/one-device/4?device={mcu.Id}&d=40");

        Figure(cut, "width").ShouldBe("40");
        var usable = new PlanSettings().DeadlineSeconds - Costs.AggregatorSeconds;
        Figure(cut, "usable-seconds").ShouldBe(LessonFormat.Duration(usable));
        foreach (var student in ModelCatalogue.Students)
        {
            var cost = student.CostFor(40, ModelCatalogue.DefaultTeacher);
            var seconds = LatencyModel.MemberSeconds(mcu, cost.Flops, 40, Costs);
            var cells = Cells(cut.Find($"#student-fit-table tr[data-student='{student.Key}']"));
            cells[1].ShouldBe(LessonFormat.Bytes(cost.MemoryBytes));
            cells[2].ShouldBe(cost.MemoryBytes <= mcu.MemoryBytes ? "yes" : "no");
            cells[3].ShouldBe(LessonFormat.FlopCount(cost.Flops));
            cells[4].ShouldBe(LessonFormat.Duration(seconds));
            cells[5].ShouldBe(seconds <= usable ? "yes" : "no");
        }
    }

    [Fact]
    public async Task TryItYourselfOpensTheNewPlanPageOnAFleetHoldingTheDevice()
    {
        var pi = await DeviceAsync("pi4-01");
        var fleets = Services.GetRequiredService<FleetStore>();
        var mixed = (await fleets.ListAsync(Ct)).Single(f => f.Name == Data.Seeding.DemoContent.MixedFleetName);

        var cut = Open($"/learn/one-device/4?device={pi.Id}");

        cut.Find("#lesson-try").GetAttribute("href").ShouldBe($"/plans/new?fleet={mixed.Id}");
    }

    [Theory]
    [InlineData("device=999", "device", "device = 999 is not allowed: the device must be the id of a stored device (1, 2,")]
    [InlineData("device=mcu", "device", "device = mcu is not allowed")]
    [InlineData("d=0", "d", "d = 0 is not allowed: the partition width d (at most F = 64) must be a whole number from 1 to 64. Showing d = 16 instead.")]
    [InlineData("d=65", "d", "must be a whole number from 1 to 64")]
    public void ABadValueIsNamedWithItsRangeAndChangesNothing(string query, string parameter, string message)
    {
        var expected = Figures(Open("/learn/one-device/4"));

        var cut = Open($"/learn/one-device/4?{query}");

        var error = cut.Find(".lesson-query-error");
        error.GetAttribute("data-parameter").ShouldBe(parameter);
        error.TextContent.ShouldContain(message);
        Figures(cut).ShouldBe(expected);
    }
}
