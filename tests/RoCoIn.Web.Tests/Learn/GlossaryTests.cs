using MudBlazor;
using RoCoIn.Web.Components.Pages.Learn;
using RoCoIn.Web.Components.Shared;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Tests.Learn;

public class GlossaryTests : LessonTestBase
{
    [Fact]
    public void TheGlossaryHasEveryTermTheIssueNamesWithMeaningAndFormula()
    {
        var cut = Render<GlossaryPage>();

        var entries = cut.FindAll(".glossary-entry");
        entries.Select(e => e.GetAttribute("data-term")).ShouldBe(Glossary.All.Select(g => g.Key));
        foreach (var key in new[] { "tau", "R", "J", "p99", "K", "dk", "strict", "degraded", "ET", "Lobj" })
        {
            var entry = Glossary.Find(key).ShouldNotBeNull(key);
            var element = cut.Find($"#{entry.Anchor}");
            element.QuerySelector(".glossary-meaning")!.TextContent.ShouldNotBeNullOrWhiteSpace();
            element.QuerySelector(".formula-text")!.InnerHtml.ShouldBe(entry.FormulaHtml);
        }
        cut.Find("#term-j .formula-text").TextContent.ShouldContain("J = R·E[T | served] + (1 − R)·τ = E[min(T, τ)]");
        cut.Find("#term-r .formula-text").TextContent.ShouldContain("R = FT(τ) = Πk (1 − qk(τ))");
    }

    [Fact]
    public void AGlossaryTermLinksToItsEntryAndShowsItsFormulaInATooltip()
    {
        var provider = Render<MudPopoverProvider>();

        var cut = Render<GlossaryTerm>(p => p.Add(x => x.Term, "J"));

        var link = cut.Find("a.glossary-term");
        link.GetAttribute("href").ShouldBe("/learn/glossary#term-j");
        link.TextContent.Trim().ShouldBe("J");
        cut.Find(".mud-tooltip-root").TriggerEvent("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());
        provider.WaitForAssertion(() => provider.Find(".glossary-tooltip[data-term='J']").TextContent.ShouldContain("E[min(T, τ)]"));
    }

    [Fact]
    public void AGlossaryTermCanShowOtherTextAndAnUnknownTermIsPlainText()
    {
        var custom = Render<GlossaryTerm>(p => p.Add(x => x.Term, "dk").AddChildContent("width"));
        custom.Find("a.glossary-term").TextContent.Trim().ShouldBe("width");
        custom.Find("a.glossary-term").GetAttribute("href").ShouldBe("/learn/glossary#term-dk");

        var unknown = Render<GlossaryTerm>(p => p.Add(x => x.Term, "frobnication"));
        unknown.FindAll("a").ShouldBeEmpty();
        unknown.Markup.ShouldContain("frobnication");
    }
}
