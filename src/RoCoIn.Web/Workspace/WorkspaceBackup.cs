using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// Writes the workspace as one zip: a consistent copy of the SQLite database made with SQLite's online backup API
/// while the studio keeps working, every model file, every teacher in the data folder, and backup.json (ADR-011).
/// </summary>
public sealed class WorkspaceBackup(WorkspaceLocations locations, WorkspaceGate gate, TimeProvider time)
{
    /// <summary>Suggested file name of a backup taken at <paramref name="createdUtc"/>.</summary>
    public static string FileName(DateTimeOffset createdUtc) =>
        $"rocoin-backup-{createdUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}.zip";

    /// <summary>
    /// The backup in a scratch file, open at its start; the file is deleted when the stream is closed. Conflict when
    /// the studio keeps its data in a database server, which has backup tools of its own.
    /// </summary>
    public async Task<StoreResult<Stream>> CreateAsync(CancellationToken cancellationToken = default)
    {
        if (locations.ConnectionString is not { } connectionString || locations.DatabasePath is null)
        {
            return StoreResult<Stream>.Conflict("This studio keeps its data in a database server, not in a SQLite file under RoCoIn:DataPath; "
                + "back the server up with its own tools.");
        }
        using var entered = await gate.EnterAsync(cancellationToken);
        var scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"rocoin-backup-{Guid.NewGuid():N}")).FullName;
        try
        {
            var database = Path.Combine(scratch, BackupManifest.DatabaseFile);
            CopyDatabase(connectionString, database);
            var zip = new FileStream(scratch + ".zip", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await WriteZipAsync(zip, database, cancellationToken);
                zip.Position = 0;
                return StoreResult<Stream>.Ok(zip);
            }
            catch
            {
                await zip.DisposeAsync();
                throw;
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    // The online backup API copies a consistent snapshot page by page while others read and write; a file copy of a
    // live database in WAL mode can miss what is still in the log, or tear a page being written.
    private static void CopyDatabase(string connectionString, string target)
    {
        using var source = new SqliteConnection(connectionString);
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        source.Open();
        copy.Open();
        source.BackupDatabase(copy);
        // One self-contained file: no -wal beside it to forget.
        using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteScalar();
    }

    private async Task WriteZipAsync(Stream stream, string database, CancellationToken cancellationToken)
    {
        var createdUtc = time.GetUtcNow();
        var files = new List<BackupFile>();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (path, source) in Sources(database))
        {
            FileStream input;
            try
            {
                input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            }
            catch (FileNotFoundException)
            {
                continue;   // removed since it was listed (a clean-up of another studio sharing the folder, a finished atomic write)
            }
            await using var _ = input;
            await using var output = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
            var (bytes, sha256) = await HashingCopy.CopyAsync(input, output, long.MaxValue, cancellationToken);
            files.Add(new BackupFile(path, bytes, sha256));
        }
        var manifest = new BackupManifest(BackupManifest.FormatName, BackupManifest.CurrentVersion, createdUtc, locations.DataPath, files);
        await using var manifestStream = zip.CreateEntry(BackupManifest.FileName).Open();
        await JsonSerializer.SerializeAsync(manifestStream, manifest, BackupManifest.JsonOptions, cancellationToken);
    }

    /// <summary>Path in the zip and file on disk: the database copy, the model files, then the teachers.</summary>
    private IEnumerable<(string Path, string Source)> Sources(string database)
    {
        yield return (BackupManifest.DatabaseFile, database);
        if (Directory.Exists(locations.ModelsFolder))
        {
            foreach (var model in Directory.EnumerateFiles(locations.ModelsFolder, "*.onnx").Order(StringComparer.Ordinal))
            {
                // Only content-addressed files: anything else in models/ is not a model a set can name.
                var name = Path.GetFileName(model);
                if (name.EndsWith(".onnx", StringComparison.Ordinal) && BackupManifest.IsSha256(name[..^".onnx".Length]))
                    yield return ($"{WorkspaceLocations.ModelsFolderName}/{name}", model);
            }
        }
        if (!Directory.Exists(locations.DistillationFolder))
            yield break;
        foreach (var job in Directory.EnumerateDirectories(locations.DistillationFolder).Order(StringComparer.Ordinal))
        {
            var teacher = Path.Combine(job, WorkspaceLocations.TeacherFolderName);
            if (!Directory.Exists(teacher))
                continue;
            foreach (var file in Directory.EnumerateFiles(teacher, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                yield return (Path.GetRelativePath(locations.DataPath, file).Replace(Path.DirectorySeparatorChar, '/'), file);
        }
    }
}
