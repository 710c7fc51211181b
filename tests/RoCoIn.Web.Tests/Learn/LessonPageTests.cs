using RoCoIn.Web.Components.Pages.Learn;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Every lesson and step renders from its URL, with links that keep the lesson's settings.</summary>
public class LessonPageTests : LessonTestBase
{
    public static TheoryData<string, int> EverySteps()
    {
        var data = new TheoryData<string, int>();
        foreach (var lesson in LessonCatalogue.All)
        {
            for (var step = 1; step <= lesson.Steps.Count; step++)
                data.Add(lesson.Slug, step);
        }
        return data;
    }

    [Fact]
    public void ThereAreAtLeastFourLessonsOfSeveralStepsEachWithAFormula()
    {
        LessonCatalogue.All.Select(l => l.Slug).ShouldBe(["one-device", "partition", "redundancy", "failures"]);
        foreach (var lesson in LessonCatalogue.All)
        {
            lesson.Steps.Count.ShouldBeGreaterThanOrEqualTo(3, lesson.Slug);
            lesson.Steps.ShouldAllBe(s => s.FormulaHtml.Length > 0 && s.Text.Length > 0);
            lesson.Steps.SelectMany(s => s.Terms).ShouldAllBe(t => Glossary.Find(t) != null);
        }
    }

    [Theory]
    [MemberData(nameof(EverySteps))]
    public async Task EveryStepRendersItsTextFormulaAndWidgetWithoutError(string slug, int step)
    {
        await LoadDemoModelSetAsync();
        var lesson = LessonCatalogue.Find(slug)!;

        var cut = Open($"/learn/{slug}/{step}");

        cut.Find("#lesson-title").TextContent.ShouldBe(lesson.Title);
        cut.Find("#lesson-step-title").TextContent.ShouldBe(lesson.Steps[step - 1].Title);
        cut.Find("#lesson-step-text").TextContent.ShouldBe(lesson.Steps[step - 1].Text);
        cut.Find("#lesson-formula .formula-text").InnerHtml.ShouldBe(lesson.Steps[step - 1].FormulaHtml);
        cut.FindAll(".lesson-widget").Count.ShouldBe(1);
        cut.FindAll("#lesson-widget-error").ShouldBeEmpty();
        cut.FindAll(".lesson-query-error").ShouldBeEmpty();
        cut.FindAll("[data-figure]").ShouldNotBeEmpty();
        cut.FindAll("#lesson-terms .glossary-term").Select(a => a.GetAttribute("data-term"))
            .ShouldBe(lesson.Steps[step - 1].Terms);
    }

    [Theory]
    [MemberData(nameof(EverySteps))]
    public async Task BackAndNextAreLinksToTheNeighbouringStepsWithTheSameQuery(string slug, int step)
    {
        await LoadDemoModelSetAsync();
        var lesson = LessonCatalogue.Find(slug)!;
        var query = $"?{lesson.Parameters[0]}=1";

        var cut = Open($"/learn/{slug}/{step}{query}");

        if (step > 1)
            cut.Find("#lesson-back").GetAttribute("href").ShouldBe($"/learn/{slug}/{step - 1}{query}");
        else
            cut.FindAll("#lesson-back").ShouldBeEmpty();
        if (step < lesson.Steps.Count)
        {
            cut.Find("#lesson-next").GetAttribute("href").ShouldBe($"/learn/{slug}/{step + 1}{query}");
            cut.FindAll("#lesson-try").ShouldBeEmpty();
        }
        else
        {
            cut.FindAll("#lesson-next").ShouldBeEmpty();
            cut.Find("#lesson-try").TextContent.ShouldContain("Try it yourself");
        }
        cut.FindAll("#lesson-steps .lesson-step-link").Select(a => a.GetAttribute("href"))
            .ShouldBe(Enumerable.Range(1, lesson.Steps.Count).Select(i => $"/learn/{slug}/{i}{query}"));
    }

    [Fact]
    public void ALessonWithoutAStepOpensItsFirstStep()
    {
        var cut = Open("/learn/one-device");

        cut.Find("#lesson-step-title").TextContent.ShouldBe(LessonCatalogue.OneDevice.Steps[0].Title);
        cut.Find("#lesson-next").GetAttribute("href").ShouldBe("/learn/one-device/2");
    }

    [Fact]
    public void AnUnknownLessonSaysSoAndLinksToTheLessons()
    {
        var cut = Open("/learn/quantum-annealing/1");

        var notFound = cut.Find("#lesson-not-found");
        notFound.TextContent.ShouldContain("There is no lesson 'quantum-annealing'");
        notFound.TextContent.ShouldContain("one-device, partition, redundancy, failures");
        cut.Find("#lesson-not-found-learn").GetAttribute("href").ShouldBe("/learn");
        cut.FindAll(".lesson-widget").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("99")]
    [InlineData("two")]
    [InlineData("-1")]
    public void AStepOutOfRangeSaysWhichStepsExistAndLinksToTheLessons(string step)
    {
        var cut = Open($"/learn/redundancy/{step}?k=2");

        var notFound = cut.Find("#lesson-not-found");
        notFound.TextContent.ShouldContain($"has no step '{step}'");
        notFound.TextContent.ShouldContain("Its steps are 1 to 4.");
        cut.Find("#lesson-not-found-learn").GetAttribute("href").ShouldBe("/learn");
        cut.Find("#lesson-not-found-first").GetAttribute("href").ShouldBe("/learn/redundancy/1?k=2");
    }

    [Fact]
    public void TheLessonListLinksToEveryLessonsFirstStepAndTheGlossary()
    {
        var cut = Render<LearnPage>();

        cut.FindAll(".lesson-card").Select(c => c.GetAttribute("data-lesson")).ShouldBe(LessonCatalogue.All.Select(l => l.Slug));
        cut.FindAll(".lesson-start").Select(a => a.GetAttribute("href")).ShouldBe(LessonCatalogue.All.Select(l => $"/learn/{l.Slug}/1"));
        cut.Find("#open-glossary").GetAttribute("href").ShouldBe("/learn/glossary");
    }
}
