using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Web.Access;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>What every viewer test checks after a refused handler (ADR-013).</summary>
internal static class ViewerChecks
{
    /// <summary>The viewer was told why nothing happened.</summary>
    public static void ShouldHaveToldTheViewer(this IServiceProvider services) =>
        services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).ShouldContain(StudioAccess.ViewerMessage);

    /// <summary>Each selector matches something in <paramref name="cut"/>'s markup.</summary>
    public static void ShouldShow<TComponent>(this IRenderedComponent<TComponent> cut, params string[] selectors)
        where TComponent : IComponent
    {
        foreach (var selector in selectors)
            cut.FindAll(selector).ShouldNotBeEmpty($"'{selector}' should be shown");
    }

    /// <summary>No selector matches anything in <paramref name="cut"/>'s markup.</summary>
    public static void ShouldHide<TComponent>(this IRenderedComponent<TComponent> cut, params string[] selectors)
        where TComponent : IComponent
    {
        foreach (var selector in selectors)
            cut.FindAll(selector).ShouldBeEmpty($"'{selector}' should be hidden");
    }
}
