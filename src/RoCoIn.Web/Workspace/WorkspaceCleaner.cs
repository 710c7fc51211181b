using System.Globalization;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// Removes what nothing refers to: the ONNX files of a deleted model set that no other set names, and on request every
/// unreferenced model file, teacher and distillation output. Model files are content-addressed, so two sets may share
/// one; a file is removed only when no stored set names its hash.
/// </summary>
public sealed partial class WorkspaceCleaner(WorkspaceInventory inventory, WorkspaceActivity activity, ModelSetStore modelSets,
    WorkspaceLocations locations, WorkspaceGate gate, ILogger<WorkspaceCleaner> logger)
{
    /// <summary>
    /// Removes every unreferenced file. Refused while a distillation job is queued or running: it stores its ONNX
    /// files before the model set that names them.
    /// </summary>
    public async Task<StoreResult<WorkspaceCleanup>> CleanUpAsync(CancellationToken cancellationToken = default)
    {
        if (await DistillingAsync(cancellationToken) is { } reason)
            return StoreResult<WorkspaceCleanup>.Conflict(reason + " Clean up once it has ended.");
        using var entered = await gate.EnterAsync(cancellationToken);
        var references = await modelSets.ReferencesAsync(cancellationToken);
        var removed = new List<WorkspaceFile>();
        foreach (var file in inventory.Scan(references).Where(f => !f.Referenced))
        {
            if (TryDelete(file.FullPath))
                removed.Add(file);
        }
        RemoveEmptyFolders(locations.DistillationFolder);
        RemoveEmptyFolders(locations.ScratchFolder);
        var bytes = removed.Sum(f => f.Bytes);
        LogCleanedUp(removed.Count, bytes);
        return StoreResult<WorkspaceCleanup>.Ok(new WorkspaceCleanup(removed.Select(f => f.RelativePath).ToList(), bytes));
    }

    /// <summary>
    /// Deletes a model set and the ONNX files only it named. Refused (conflict, with the reason) when a plan was
    /// re-planned with it, the local fleet or a live real run uses it, or a planning job is about to re-plan with it.
    /// </summary>
    public async Task<StoreResult<ModelSetDeletion>> DeleteModelSetAsync(int id, CancellationToken cancellationToken = default)
    {
        if (await activity.ModelSetInUseAsync(id, cancellationToken) is { } inUse)
            return StoreResult<ModelSetDeletion>.Conflict(inUse);
        using var entered = await gate.EnterAsync(cancellationToken);
        var deleted = await modelSets.DeleteAsync(id, cancellationToken);
        if (deleted.Value is not { } set)
            return new StoreResult<ModelSetDeletion>(deleted.Status, null, deleted.Errors, deleted.Message);

        // The set is gone: its files follow even when the caller stops waiting.
        var files = ModelSetStore.ModelHashes(set.Result).Distinct(StringComparer.Ordinal)
            .Select(hash => (Hash: hash, Relative: $"{WorkspaceLocations.ModelsFolderName}/{hash}.onnx")).ToList();
        if (await DistillingAsync(CancellationToken.None) is { } distilling)
        {
            return StoreResult<ModelSetDeletion>.Ok(new ModelSetDeletion(set.Id, set.Name, [], files.Select(f => f.Relative).ToList(),
                distilling + " Its files stay until a clean-up after it has ended."));
        }
        var references = await modelSets.ReferencesAsync(CancellationToken.None);
        var removed = new List<string>();
        var kept = new List<string>();
        foreach (var (hash, relative) in files)
        {
            if (references.ModelHashes.Contains(hash))
                kept.Add(relative);
            else if (TryDelete(Path.Combine(locations.ModelsFolder, $"{hash}.onnx")))
                removed.Add(relative);
        }
        LogModelSetDeleted(set.Id, removed.Count, kept.Count);
        return StoreResult<ModelSetDeletion>.Ok(new ModelSetDeletion(set.Id, set.Name, removed, kept, null));
    }

    private async Task<string?> DistillingAsync(CancellationToken cancellationToken)
    {
        var jobs = await activity.DistillationJobsAsync(cancellationToken);
        var ids = string.Join(", ", jobs.Select(j => j.ToString(CultureInfo.InvariantCulture)));
        return jobs.Count switch
        {
            0 => null,
            1 => $"Distillation job {ids} is queued or running; the files it is making are not referenced until it stores its model set.",
            _ => $"Distillation jobs {ids} are queued or running; the files they are making are not referenced until they store their model sets.",
        };
    }

    private bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
                return false;
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotDeleted(ex, path);
            return false;
        }
    }

    // Deepest first, so a job folder whose files are all gone goes too; the top folder stays.
    private void RemoveEmptyFolders(string root)
    {
        if (!Directory.Exists(root))
            return;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var folder in Directory.EnumerateDirectories(root, "*", options).OrderByDescending(d => d.Length))
        {
            try
            {
                if (!Directory.EnumerateFileSystemEntries(folder).Any())
                    Directory.Delete(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogNotDeleted(ex, folder);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace clean-up removed {Files} files ({Bytes} bytes).")]
    private partial void LogCleanedUp(int files, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model set {Id} deleted; {Removed} model files removed, {Kept} shared ones kept.")]
    private partial void LogModelSetDeleted(int id, int removed, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Path}; it stays.")]
    private partial void LogNotDeleted(Exception exception, string path);
}
