using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Lesson "partition": the stored demo model set's partitions and measured accuracies.</summary>
public class PartitionLessonTests : LessonTestBase
{
    [Fact]
    public void WithoutAModelSetTheLessonSaysWhatToDoFirst()
    {
        var cut = Open("/learn/partition/1");

        cut.Find("#lesson-empty").TextContent.ShouldContain("No model set yet");
        cut.Find("#lesson-empty-action").GetAttribute("href").ShouldBe("/distillation");
        cut.FindAll(".lesson-widget").ShouldBeEmpty();
        cut.FindAll("#lesson-try").ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryChannelIsColouredByThePartitionThatHoldsIt()
    {
        var set = await LoadDemoModelSetAsync();

        var cut = Open("/learn/partition/1");

        var result = set.Result;
        Figure(cut, "feature-channels").ShouldBe(result.Teacher.FeatureChannels.ToString(CultureInfo.InvariantCulture));
        Figure(cut, "groups").ShouldBe(result.Students.Count.ToString(CultureInfo.InvariantCulture));
        var cells = cut.FindAll("#channel-grid .channel-cell");
        cells.Count.ShouldBe(result.Teacher.FeatureChannels);
        foreach (var student in result.Students)
        {
            foreach (var channel in student.Channels)
                cells[channel].GetAttribute("data-partition").ShouldBe(student.Partition.ToString(CultureInfo.InvariantCulture));
        }
        cut.FindAll(".partition-legend .legend-width").Select(e => e.TextContent).ShouldBe(result.Students.Select(s => s.Width.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task StudentsAndAccuraciesAreTheModelSetsMeasurements()
    {
        var set = await LoadDemoModelSetAsync();
        var result = set.Result;

        var students = Open("/learn/partition/2");
        students.FindAll("#partition-students tr.partition-row .partition-width").Select(e => e.TextContent)
            .ShouldBe(result.Students.Select(s => s.Width.ToString(CultureInfo.InvariantCulture)));

        var accuracy = Open("/learn/partition/3");
        Figure(accuracy, "teacher-accuracy").ShouldBe(LessonFormat.Percent(result.Teacher.TestAccuracy));
        Figure(accuracy, "ensemble-accuracy").ShouldBe(LessonFormat.Percent(result.EnsembleAccuracy));
        foreach (var student in result.Students)
        {
            Cells(accuracy.Find($"#student-accuracy tr[data-model='group-{student.Partition}']"))[1]
                .ShouldBe(LessonFormat.Percent(result.AccuracyBySubset[1 << student.Partition]));
        }

        var subsets = Open("/learn/partition/4");
        var rows = subsets.FindAll("#subset-accuracy tr.subset-row");
        rows.Count.ShouldBe((1 << result.Students.Count) - 1);
        foreach (var row in rows)
        {
            var mask = int.Parse(row.GetAttribute("data-mask")!, CultureInfo.InvariantCulture);
            row.QuerySelector(".subset-accuracy")!.TextContent.ShouldBe(LessonFormat.Percent(result.AccuracyBySubset[mask]));
        }
    }

    [Fact]
    public async Task TryItYourselfReplansTheSetsFleetWithItsStudents()
    {
        var set = await LoadDemoModelSetAsync();
        var plan = await Services.GetRequiredService<PlanStore>().GetAsync(set.PlanId!.Value, Ct);

        var cut = Open($"/learn/partition/4?set={set.Id}");

        cut.Find("#lesson-try").GetAttribute("href").ShouldBe($"/plans/new?fleet={plan!.FleetId}&modelSet={set.Id}");
    }

    [Fact]
    public async Task AnUnknownModelSetIsNamedAndTheDefaultSetIsShown()
    {
        var set = await LoadDemoModelSetAsync();
        var expected = Figures(Open("/learn/partition/3"));

        var cut = Open("/learn/partition/3?set=42");

        var error = cut.Find(".lesson-query-error");
        error.GetAttribute("data-parameter").ShouldBe("set");
        error.TextContent.ShouldBe($"set = 42 is not allowed: the model set must be the id of a stored one ({set.Id}). Showing model set {set.Id} instead.");
        Figures(cut).ShouldBe(expected);
    }
}
