using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Access;

namespace RoCoIn.Web.Components.Pages.Scenarios;

/// <summary>Saved failure scenarios by name: open, duplicate, delete, or add one from the built-in library.</summary>
public sealed partial class ScenariosPage
{
    private IReadOnlyList<ScenarioSummary> _scenarios = [];
    private bool _loaded;

    [Inject] private ScenarioStore Store { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _scenarios = await Store.ListAsync();
        _loaded = true;
    }

    /// <summary>Saves a copy of a library example under a name no scenario has.</summary>
    private async Task AddFromLibraryAsync(Scenario example)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        await ReloadAsync();
        var copy = example with { Name = ScenarioNames.Unique(example.Name, _scenarios.Select(s => s.Name)) };
        var result = await Store.CreateAsync(copy);
        await ReportAsync(result, $"Added '{copy.Name}' from the library.");
    }

    private async Task DuplicateAsync(ScenarioSummary summary)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        var saved = await Store.GetAsync(summary.Id);
        if (saved is null)
        {
            Snackbar.Add($"'{summary.Name}' no longer exists.", Severity.Warning);
            await ReloadAsync();
            return;
        }
        await ReloadAsync();
        var copy = saved.Scenario with { Name = ScenarioNames.Unique($"{saved.Scenario.Name} (copy)", _scenarios.Select(s => s.Name)) };
        var result = await Store.CreateAsync(copy);
        await ReportAsync(result, $"Saved a copy as '{copy.Name}'.");
    }

    private async Task DeleteAsync(ScenarioSummary summary)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete scenario",
            $"Delete '{summary.Name}'? Runs made with it keep the copy they ran.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var result = await Store.DeleteAsync(summary.Id);
        if (result.Status == StoreStatus.Ok)
            Snackbar.Add($"'{summary.Name}' deleted.", Severity.Success);
        else
            Snackbar.Add(result.Message ?? $"'{summary.Name}' could not be deleted.", Severity.Warning);
        await ReloadAsync();
    }

    private async Task ReportAsync(StoreResult<SavedScenario> result, string success)
    {
        if (result.Status == StoreStatus.Ok)
            Snackbar.Add(success, Severity.Success);
        else
            Snackbar.Add(result.Errors.Count > 0 ? string.Join(" ", result.Errors.Select(e => e.Message)) : result.Message ?? "Not saved.", Severity.Warning);
        await ReloadAsync();
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..159] + "…";
}
