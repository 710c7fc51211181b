using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Access;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Components.Pages.Workspace;

/// <summary>
/// Disk use of the workspace by part, the clean-up of what nothing refers to, and backup and restore of the whole
/// workspace (ADR-011).
/// </summary>
public sealed partial class WorkspacePage
{
    private WorkspaceUsage? _usage;
    private IReadOnlyList<string> _busy = [];
    private IReadOnlyList<FieldError> _restoreErrors = [];
    private bool _working;

    [Inject] private WorkspaceInventory Inventory { get; set; } = default!;
    [Inject] private WorkspaceActivity Activity { get; set; } = default!;
    [Inject] private WorkspaceCleaner Cleaner { get; set; } = default!;
    [Inject] private WorkspaceRestore Restore { get; set; } = default!;
    [Inject] private IOptions<WorkspaceOptions> Options { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;

    private int UnreferencedFiles => _usage?.Parts.Sum(p => p.UnreferencedFiles) ?? 0;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _usage = await Inventory.MeasureAsync();
        _busy = await Activity.BusyAsync();
    }

    private async Task CleanUpAsync()
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Clean up",
            $"Remove {UnreferencedFiles} files ({SiFormat.Bytes(_usage!.UnreferencedBytes)}) that no model set refers to? This cannot be undone.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        _working = true;
        try
        {
            var result = await Cleaner.CleanUpAsync();
            if (result.Value is { } cleanup)
                Snackbar.Add($"Removed {cleanup.Files.Count} files ({SiFormat.Bytes(cleanup.Bytes)}).", Severity.Success);
            else
                Snackbar.Add(result.Message ?? "Nothing was removed.", Severity.Warning);
        }
        finally
        {
            _working = false;
            await ReloadAsync();
        }
    }

    private async Task RestoreAsync(InputFileChangeEventArgs e)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        var file = e.File;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Replace the whole workspace?",
            $"Restore from {file.Name} ({SiFormat.Bytes(file.Size)})? This replaces everything here — devices, fleets, plans, model sets, runs, " +
            "scenarios, jobs, agent tokens, model files and teachers — with the backup's. What is here now is lost unless you download a backup first.",
            yesText: "Replace everything", cancelText: "Cancel");
        if (confirmed != true)
            return;
        _working = true;
        _restoreErrors = [];
        StateHasChanged();
        try
        {
            StoreResult<WorkspaceRestored> result;
            await using (var upload = file.OpenReadStream(Options.Value.MaxBackupBytes))
                result = await Restore.RestoreAsync(upload);
            switch (result.Status)
            {
                case StoreStatus.Ok:
                    Snackbar.Add(Restored(result.Value!), Severity.Success);
                    break;
                case StoreStatus.Invalid:
                    _restoreErrors = result.Errors;
                    break;
                default:
                    Snackbar.Add(result.Message ?? "The workspace was not restored.", Severity.Warning);
                    break;
            }
        }
        catch (IOException ex)
        {
            _restoreErrors = [new FieldError(WorkspaceRestore.UploadField, $"{file.Name} could not be read: {ex.Message}")];
        }
        finally
        {
            _working = false;
            await ReloadAsync();
        }
    }

    private static string Restored(WorkspaceRestored restored) =>
        $"Workspace restored from the backup of {restored.BackupCreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: " +
        $"{Count(restored.Files)} files, {SiFormat.Bytes(restored.Bytes)}" +
        (restored.MigrationsApplied.Count == 0 ? "." : $"; brought up to date by {Count(restored.MigrationsApplied.Count)} migrations.");

    private string Detail(WorkspacePartUsage part) => part.Key switch
    {
        "database" when _usage?.Database is { } db =>
            $"{Path.GetFileName(db.Path)} {SiFormat.Bytes(db.FileBytes)} · write-ahead log {SiFormat.Bytes(db.WalBytes)} · its index {SiFormat.Bytes(db.ShmBytes)}",
        "database" => "kept in a database server, not in the data folder",
        "models" when part.Files == 0 => "none yet: distil a plan's students to make some",
        _ => part.Folder,
    };

    private double Share(long bytes) => _usage is { TotalBytes: > 0 } usage ? 100.0 * bytes / usage.TotalBytes : 0;

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
