using Microsoft.AspNetCore.Components;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Components.Pages.Learn.Widgets;

/// <summary>
/// A lesson widget: shows its lesson's view for one step. Its controls are links to the same page with another query
/// value, so the URL stays the whole state and a shared link shows the same figures.
/// </summary>
public abstract class LessonWidgetBase<TView> : ComponentBase where TView : class, ILessonView
{
    [Parameter, EditorRequired] public TView View { get; set; } = default!;

    [Parameter, EditorRequired] public StepView Step { get; set; }

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>This page with <paramref name="name"/> set to <paramref name="value"/> (removed when null), other parameters kept.</summary>
    protected string With(string name, string? value) =>
        "/" + Navigation.ToBaseRelativePath(Navigation.GetUriWithQueryParameter(name, value));

    protected void Go(string name, string? value) => Navigation.NavigateTo(With(name, value));
}
