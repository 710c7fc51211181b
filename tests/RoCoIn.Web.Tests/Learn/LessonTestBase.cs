using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Components.Pages.Learn;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Tests.Components;

namespace RoCoIn.Web.Tests.Learn;

/// <summary>Lesson pages on the demo database, opened by URL as a shared link would open them.</summary>
public abstract class LessonTestBase : ComponentTestBase
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"rocoin-learn-{Guid.NewGuid():N}");

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Stores the committed demo model set the way a new studio does (distilled for the demo plan).</summary>
    protected async Task<SavedModelSet> LoadDemoModelSetAsync()
    {
        var loader = new DemoModelSetLoader(Services.GetRequiredService<ModelSetStore>(), Services.GetRequiredService<PlanStore>(),
            NullLogger<DemoModelSetLoader>.Instance);
        var id = await loader.LoadAsync(AppContext.BaseDirectory, _dataPath, Ct);
        id.ShouldNotBeNull("the demo model set is committed under assets/models/demo");
        return (await Services.GetRequiredService<ModelSetStore>().GetAsync(id.Value, Ct))!;
    }

    /// <summary>Opens <paramref name="url"/> (/learn/{lesson}[/{step}][?query]) and waits until the lesson has loaded.</summary>
    protected IRenderedComponent<LessonPage> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var path = url.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var cut = Render<LessonPage>(p =>
        {
            p.Add(x => x.Lesson, path.Length > 1 ? path[1] : null);
            p.Add(x => x.Step, path.Length > 2 ? path[2] : null);
        });
        cut.WaitForAssertion(() =>
        {
            cut.FindAll("#lesson-loading").ShouldBeEmpty();
            (cut.FindAll(".lesson-widget").Count + cut.FindAll("#lesson-empty").Count + cut.FindAll("#lesson-not-found").Count).ShouldBe(1);
        }, Wait);
        return cut;
    }

    /// <summary>The text of the figure named <paramref name="name"/> (data-figure).</summary>
    protected static string Figure(IRenderedComponent<LessonPage> cut, string name) => cut.Find($"[data-figure='{name}']").TextContent.Trim();

    /// <summary>Every figure on the page, by name and order: what a shared link must reproduce.</summary>
    protected static IReadOnlyList<string> Figures(IRenderedComponent<LessonPage> cut) =>
        cut.FindAll("[data-figure]").Select(e => $"{e.GetAttribute("data-figure")}={e.TextContent.Trim()}").ToList();

    /// <summary>The cells of a table row, trimmed.</summary>
    protected static IReadOnlyList<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Directory.Exists(_dataPath))
            Directory.Delete(_dataPath, recursive: true);
    }
}
