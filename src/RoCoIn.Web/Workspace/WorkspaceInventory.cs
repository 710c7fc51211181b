using Microsoft.EntityFrameworkCore;
using RoCoIn.Data;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// Lists the files of the workspace by part and tells which are referenced: a model file by a model set's hash, a
/// teacher by a model set's teacher path (the one a distillation with "reuse teacher" takes). Everything else a
/// distillation job left (its result.json and copies of the ONNX files already stored under models/) and scratch left
/// by an interrupted restore are unreferenced. Files elsewhere in the data folder, and the database, never are.
/// </summary>
public sealed class WorkspaceInventory(WorkspaceLocations locations, ModelSetStore modelSets, IDbContextFactory<RoCoInDbContext> contexts)
{
    /// <summary>Measures every part, and counts the stored runs and their seconds.</summary>
    public async Task<WorkspaceUsage> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var files = Scan(await modelSets.ReferencesAsync(cancellationToken));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.LongCountAsync(cancellationToken);
        var seconds = await db.RunSeconds.LongCountAsync(cancellationToken);

        var parts = Enum.GetValues<WorkspacePart>().Select(part =>
        {
            var these = files.Where(f => f.Part == part).ToList();
            var unreferenced = these.Where(f => !f.Referenced).ToList();
            return new WorkspacePartUsage(Key(part), Name(part), Folder(part), these.Count, these.Sum(f => f.Bytes),
                unreferenced.Count, unreferenced.Sum(f => f.Bytes));
        }).ToList();
        var database = locations.DatabasePath is { } path
            ? new DatabaseUsage(path, SizeOf(path), SizeOf(path + "-wal"), SizeOf(path + "-shm"))
            : null;
        return new WorkspaceUsage(locations.DataPath, database, parts, runs, seconds, parts.Sum(p => p.Bytes), parts.Sum(p => p.UnreferencedBytes));
    }

    /// <summary>Every file of the workspace, classified against <paramref name="references"/>.</summary>
    internal IReadOnlyList<WorkspaceFile> Scan(ModelSetReferences references)
    {
        var files = new List<WorkspaceFile>();
        var databaseFiles = new HashSet<string>(StringComparer.Ordinal);
        if (locations.DatabasePath is { } database)
        {
            foreach (var path in WorkspaceLocations.DatabaseFiles(database).Where(File.Exists))
            {
                databaseFiles.Add(path);
                files.Add(new WorkspaceFile(path, Relative(path), SizeOf(path), WorkspacePart.Database, Referenced: true));
            }
        }
        if (!Directory.Exists(locations.DataPath))
            return files;
        var teachers = references.TeacherPaths.Select(p => Path.GetFullPath(p)).ToList();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(locations.DataPath, "*", options).Where(p => !databaseFiles.Contains(p)))
        {
            var (part, referenced) = Classify(path, references, teachers);
            files.Add(new WorkspaceFile(path, Relative(path), SizeOf(path), part, referenced));
        }
        return files;
    }

    private (WorkspacePart Part, bool Referenced) Classify(string path, ModelSetReferences references, IReadOnlyList<string> teachers)
    {
        if (IsUnder(path, locations.ModelsFolder))
        {
            var name = Path.GetFileName(path);
            var referenced = name.EndsWith(".onnx", StringComparison.Ordinal) && references.ModelHashes.Contains(name[..^".onnx".Length]);
            return (WorkspacePart.Models, referenced);
        }
        if (IsUnder(path, locations.DistillationFolder))
        {
            // distillation/<job>/teacher/… holds a teacher; a stored teacher path names the file (or its folder).
            var segments = Path.GetRelativePath(locations.DistillationFolder, path).Split(Path.DirectorySeparatorChar);
            return segments.Length >= 3 && segments[1] == WorkspaceLocations.TeacherFolderName
                ? (WorkspacePart.Teachers, teachers.Any(t => t == path || IsUnder(path, t)))
                : (WorkspacePart.DistillationOutputs, false);
        }
        return (WorkspacePart.Other, !IsUnder(path, locations.ScratchFolder));
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private string Relative(string path) => Path.GetRelativePath(locations.DataPath, path).Replace(Path.DirectorySeparatorChar, '/');

    internal static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private static string Key(WorkspacePart part) => part switch
    {
        WorkspacePart.Database => "database",
        WorkspacePart.Models => "models",
        WorkspacePart.Teachers => "teachers",
        WorkspacePart.DistillationOutputs => "distillationOutputs",
        _ => "other",
    };

    private static string Name(WorkspacePart part) => part switch
    {
        WorkspacePart.Database => "Database",
        WorkspacePart.Models => "Model files (ONNX)",
        WorkspacePart.Teachers => "Teachers",
        WorkspacePart.DistillationOutputs => "Distillation outputs",
        _ => "Other files",
    };

    private string Folder(WorkspacePart part) => part switch
    {
        WorkspacePart.Database => locations.DatabasePath ?? "",
        WorkspacePart.Models => locations.ModelsFolder,
        WorkspacePart.Teachers or WorkspacePart.DistillationOutputs => locations.DistillationFolder,
        _ => locations.DataPath,
    };
}

/// <summary>One file of the workspace.</summary>
/// <param name="FullPath">Where it is.</param>
/// <param name="RelativePath">Relative to the data folder, with '/' separators (outside it for a database kept elsewhere).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Part">Which part it belongs to.</param>
/// <param name="Referenced">False when a clean-up removes it.</param>
internal sealed record WorkspaceFile(string FullPath, string RelativePath, long Bytes, WorkspacePart Part, bool Referenced);
