using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RoCoIn.Data;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Agents;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// Replaces the workspace with a backup (ADR-011). Refused while anything uses the workspace. The whole zip is checked
/// first — backup.json, its version, every file's size and SHA-256, that rocoin.db opens, has the migrations table
/// and no migration this studio does not know — and the database is migrated to the current schema in the scratch
/// folder; any problem answers with the file at fault and changes nothing. Only then are models/, distillation/ and
/// the database swapped in by renames.
/// </summary>
public sealed partial class WorkspaceRestore(WorkspaceLocations locations, WorkspaceActivity activity, WorkspaceGate gate,
    DatabaseInitializer initializer, IDbContextFactory<RoCoInDbContext> contexts, IOptions<WorkspaceOptions> options, TimeProvider time,
    IServiceProvider services, ILogger<WorkspaceRestore> logger)
{
    private const string MigrationsTable = "__EFMigrationsHistory";
    private const long MaxManifestBytes = 16_000_000;

    /// <summary>The field of errors about the upload as a whole.</summary>
    public const string UploadField = "file";

    /// <summary>
    /// Restores the backup read from <paramref name="upload"/>: conflict while the workspace is in use, invalid (every
    /// problem, keyed by the file at fault) when the backup is not one this studio can restore, else what was restored.
    /// </summary>
    public async Task<StoreResult<WorkspaceRestored>> RestoreAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (locations.ConnectionString is not { } liveConnection || locations.DatabasePath is not { } databasePath)
        {
            return StoreResult<WorkspaceRestored>.Conflict("This studio keeps its data in a database server, not in a SQLite file under "
                + "RoCoIn:DataPath; a workspace backup cannot replace it.");
        }
        if (await BusyAsync(cancellationToken) is { } busy)
            return busy;
        using var entered = await gate.EnterAsync(cancellationToken);
        var scratch = Directory.CreateDirectory(Path.Combine(locations.ScratchFolder, $"restore-{Guid.NewGuid():N}")).FullName;
        try
        {
            var errors = new List<FieldError>();
            var incoming = Path.Combine(scratch, "incoming");
            var zipPath = Path.Combine(scratch, "upload.zip");
            await SpoolAsync(upload, zipPath, errors, cancellationToken);
            var manifest = errors.Count == 0 ? await UnpackAsync(zipPath, incoming, errors, cancellationToken) : null;
            var prepared = manifest is null ? null
                : await PrepareDatabaseAsync(Path.Combine(incoming, BackupManifest.DatabaseFile), manifest, liveConnection, errors, cancellationToken);
            if (manifest is null || prepared is null || errors.Count > 0)
                return StoreResult<WorkspaceRestored>.Invalid(errors);

            // Checking took a while: look again, right before anything changes.
            if (await BusyAsync(cancellationToken) is { } nowBusy)
                return nowBusy;
            Swap(incoming, Path.Combine(scratch, "outgoing"), databasePath, liveConnection);
            await initializer.InitializeAsync(seedDemoContent: false, CancellationToken.None);
            ReconnectAgents();
            var restored = new WorkspaceRestored(manifest.CreatedUtc, manifest.Files.Count, manifest.Files.Sum(f => f.Bytes),
                prepared.Value.Migrations, prepared.Value.TeachersMoved);
            LogRestored(manifest.CreatedUtc, restored.Files, restored.Bytes);
            return StoreResult<WorkspaceRestored>.Ok(restored);
        }
        finally
        {
            DeleteScratch(scratch);
        }
    }

    private async Task<StoreResult<WorkspaceRestored>?> BusyAsync(CancellationToken cancellationToken)
    {
        var reasons = await activity.BusyAsync(cancellationToken);
        return reasons.Count == 0 ? null
            : StoreResult<WorkspaceRestored>.Conflict("A restore replaces the whole workspace, so it waits until nothing uses it: "
                + string.Join(" ", reasons));
    }

    private async Task SpoolAsync(Stream upload, string path, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBackupBytes;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        try
        {
            var (bytes, _) = await HashingCopy.CopyAsync(upload, file, limit, cancellationToken);
            if (bytes == 0)
                errors.Add(new(UploadField, "The upload is empty; choose a backup zip."));
        }
        catch (InvalidDataException)
        {
            errors.Add(new(UploadField, Text($"The upload is larger than {limit} bytes (RoCoIn:Workspace:MaxBackupBytes).")));
        }
    }

    /// <summary>Checks the zip against its manifest and unpacks every file into <paramref name="target"/>; null on any problem.</summary>
    private async Task<BackupManifest?> UnpackAsync(string zipPath, string target, List<FieldError> errors, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException ex)
        {
            errors.Add(new(UploadField, $"The upload is not a zip file ({ex.Message}); a workspace backup is the zip the Workspace page or GET /api/workspace/backup gives."));
            return null;
        }
        using (zip)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                if (!entries.TryAdd(entry.FullName, entry))
                    errors.Add(new(entry.FullName, $"The zip holds {entry.FullName} twice."));
            }
            if (!entries.TryGetValue(BackupManifest.FileName, out var manifestEntry))
            {
                errors.Add(new(BackupManifest.FileName, $"The zip holds no {BackupManifest.FileName}, so it is not a RoCoIn workspace backup."));
                return null;
            }
            var manifest = await ReadManifestAsync(manifestEntry, errors, cancellationToken);
            if (manifest is null)
                return null;
            CheckFileList(manifest, entries, errors);
            if (errors.Count > 0)
                return null;
            foreach (var file in manifest.Files)
                await UnpackFileAsync(entries[file.Path], file, target, errors, cancellationToken);
            // Folders the swap moves in, present even when the backup has no file in them.
            Directory.CreateDirectory(Path.Combine(target, WorkspaceLocations.ModelsFolderName));
            Directory.CreateDirectory(Path.Combine(target, WorkspaceLocations.DistillationFolderName));
            return errors.Count == 0 ? manifest : null;
        }
    }

    private static async Task<BackupManifest?> ReadManifestAsync(ZipArchiveEntry entry, List<FieldError> errors, CancellationToken cancellationToken)
    {
        const string field = BackupManifest.FileName;
        if (entry.Length > MaxManifestBytes)
        {
            errors.Add(new(field, Text($"{field} is {entry.Length} bytes long; a manifest is far smaller.")));
            return null;
        }
        BackupManifest? manifest;
        try
        {
            await using var stream = entry.Open();
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, BackupManifest.JsonOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            errors.Add(new(field, $"{field} cannot be read: {ex.Message}"));
            return null;
        }
        string? problem = manifest switch
        {
            null => $"{field} holds null instead of a manifest.",
            { Format: var format } when format != BackupManifest.FormatName =>
                $"{field} says format '{format}'; a workspace backup says '{BackupManifest.FormatName}'.",
            { Version: var version } when version != BackupManifest.CurrentVersion =>
                Text($"{field} says version {version}; this studio restores version {BackupManifest.CurrentVersion} backups only."),
            { Files: null } => $"{field} lists no files.",
            _ => null,
        };
        if (problem is null)
            return manifest;
        errors.Add(new(field, problem));
        return null;
    }

    private void CheckFileList(BackupManifest manifest, IReadOnlyDictionary<string, ZipArchiveEntry> entries, List<FieldError> errors)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (file?.Path is not { Length: > 0 } path)
            {
                errors.Add(new(BackupManifest.FileName, $"{BackupManifest.FileName} lists a file without a path."));
                continue;
            }
            if (!listed.Add(path))
                errors.Add(new(path, $"{BackupManifest.FileName} lists {path} twice."));
            if (BackupManifest.Problem(file) is { } problem)
                errors.Add(new(path, problem));
            else if (!entries.ContainsKey(path))
                errors.Add(new(path, $"{BackupManifest.FileName} lists {path}, but the zip does not hold it."));
        }
        if (!listed.Contains(BackupManifest.DatabaseFile))
            errors.Add(new(BackupManifest.DatabaseFile, $"The backup holds no {BackupManifest.DatabaseFile}."));
        foreach (var name in entries.Keys.Where(n => n != BackupManifest.FileName && !listed.Contains(n)))
            errors.Add(new(name, $"The zip holds {name}, which {BackupManifest.FileName} does not list."));
        var total = manifest.Files.Where(f => f is not null).Sum(f => Math.Max(0, f.Bytes));
        if (total > options.Value.MaxBackupBytes)
        {
            errors.Add(new(BackupManifest.FileName, Text(
                $"The backup unpacks to {total} bytes, more than RoCoIn:Workspace:MaxBackupBytes ({options.Value.MaxBackupBytes}).")));
        }
    }

    private static async Task UnpackFileAsync(ZipArchiveEntry entry, BackupFile file, string target, List<FieldError> errors,
        CancellationToken cancellationToken)
    {
        if (entry.Length != file.Bytes)
        {
            errors.Add(new(file.Path, Text($"{file.Path} holds {entry.Length} bytes; {BackupManifest.FileName} says {file.Bytes}.")));
            return;
        }
        var destination = Path.Combine(target, file.Path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        try
        {
            await using var input = entry.Open();
            await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            var (bytes, sha256) = await HashingCopy.CopyAsync(input, output, file.Bytes, cancellationToken);
            if (bytes != file.Bytes)
                errors.Add(new(file.Path, Text($"{file.Path} holds {bytes} bytes; {BackupManifest.FileName} says {file.Bytes}.")));
            else if (sha256 != file.Sha256)
                errors.Add(new(file.Path, $"{file.Path} has SHA-256 {sha256}, but {BackupManifest.FileName} says {file.Sha256}: the file was changed or damaged."));
        }
        catch (InvalidDataException ex)
        {
            errors.Add(new(file.Path, $"{file.Path} cannot be read from the zip: {ex.Message}"));
        }
    }

    /// <summary>
    /// Checks the unpacked database and brings it to this studio's schema where it lies; null (with errors) when it is
    /// not a RoCoIn database this studio can use.
    /// </summary>
    private async Task<(IReadOnlyList<string> Migrations, int TeachersMoved)?> PrepareDatabaseAsync(string path, BackupManifest manifest,
        string liveConnection, List<FieldError> errors, CancellationToken cancellationToken)
    {
        const string field = BackupManifest.DatabaseFile;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        var problem = await CheckDatabaseAsync(connectionString, cancellationToken);
        if (problem is not null)
        {
            errors.Add(new(field, problem));
            return null;
        }
        try
        {
            var contextOptions = new DbContextOptionsBuilder<RoCoInDbContext>().UseSqlite(connectionString).Options;
            IReadOnlyList<string> pending;
            await using (var db = new RoCoInDbContext(contextOptions))
            {
                pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
            }
            var moved = 0;
            if (!string.IsNullOrWhiteSpace(manifest.DataPath) && manifest.DataPath != locations.DataPath)
            {
                var store = new ModelSetStore(new StagedContexts(contextOptions), time);
                moved = await store.MoveTeacherPathsAsync(Path.Combine(manifest.DataPath, WorkspaceLocations.DistillationFolderName),
                    locations.DistillationFolder, cancellationToken);
            }
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await KeepIdsAheadAsync(connection, liveConnection, cancellationToken);
            await ScalarAsync(connection, "PRAGMA journal_mode=DELETE;", cancellationToken);
            return (pending, moved);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or JsonException)
        {
            errors.Add(new(field, $"{field} could not be brought to this studio's schema: {ex.Message}"));
            return null;
        }
    }

    private async Task<string?> CheckDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var check = await ScalarAsync(connection, "PRAGMA quick_check;", cancellationToken) as string;
            if (check != "ok")
                return $"{BackupManifest.DatabaseFile} is damaged: {check}";
            if (await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsTable}';",
                    cancellationToken) is not > 0L)
                return $"{BackupManifest.DatabaseFile} has no {MigrationsTable} table, so it is not a RoCoIn Studio database.";
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MigrationId FROM \"{MigrationsTable}\" ORDER BY MigrationId;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(reader.GetString(0));
        }
        catch (SqliteException ex)
        {
            return $"{BackupManifest.DatabaseFile} does not open as a SQLite database: {ex.Message}";
        }
        if (applied.Count == 0)
            return $"{BackupManifest.DatabaseFile} has an empty {MigrationsTable} table, so it is not a RoCoIn Studio database.";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unknown = applied.Except(db.Database.GetMigrations(), StringComparer.Ordinal).ToList();
        return unknown.Count == 0 ? null
            : $"{BackupManifest.DatabaseFile} was written by a newer studio: it has migrations this one does not know ({string.Join(", ", unknown)}).";
    }

    // Ids are never handed out twice across a restore, so what the studio keeps in memory by id (live distillation
    // lines, simulation twins, pages left open) can never mix a restored row with one made before it.
    private static async Task KeepIdsAheadAsync(SqliteConnection restored, string liveConnection, CancellationToken cancellationToken)
    {
        var live = new List<(string Table, long Seq)>();
        await using (var connection = new SqliteConnection(liveConnection))
        {
            await connection.OpenAsync(cancellationToken);
            if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence';", cancellationToken) is not > 0L)
                return;
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, seq FROM sqlite_sequence;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                live.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        foreach (var (table, seq) in live)
        {
            await using var command = restored.CreateCommand();
            command.CommandText = """
                UPDATE sqlite_sequence SET seq = $seq WHERE name = $name AND seq < $seq;
                INSERT INTO sqlite_sequence (name, seq) SELECT $name, $seq
                WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name)
                  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = $name);
                """;
            command.Parameters.AddWithValue("$name", table);
            command.Parameters.AddWithValue("$seq", seq);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Moves the live models/, distillation/ and database files out to <paramref name="outgoing"/> and the restored
    /// ones in, by renames in the data folder; on any failure, moves back what had moved.
    /// </summary>
    private void Swap(string incoming, string outgoing, string databasePath, string liveConnection)
    {
        var moved = new Stack<(string From, string To)>();
        void Move(string from, string to)
        {
            if (Directory.Exists(from))
                Directory.Move(from, to);
            else
                File.Move(from, to);
            moved.Push((from, to));
        }

        Directory.CreateDirectory(outgoing);
        try
        {
            foreach (var name in new[] { WorkspaceLocations.ModelsFolderName, WorkspaceLocations.DistillationFolderName })
            {
                var live = Path.Combine(locations.DataPath, name);
                if (Directory.Exists(live))
                    Move(live, Path.Combine(outgoing, name));
                Move(Path.Combine(incoming, name), live);
            }
            // An empty write-ahead log first, so that no frame of the old database can be replayed into the new one.
            Checkpoint(liveConnection);
            SqliteConnection.ClearAllPools();
            foreach (var file in WorkspaceLocations.DatabaseFiles(databasePath).Where(File.Exists))
                Move(file, Path.Combine(outgoing, Path.GetFileName(file)));
            Move(Path.Combine(incoming, BackupManifest.DatabaseFile), databasePath);
            SqliteConnection.ClearAllPools();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            LogSwapFailed(ex);
            SqliteConnection.ClearAllPools();
            while (moved.TryPop(out var step))
            {
                if (Directory.Exists(step.To))
                    Directory.Move(step.To, step.From);
                else if (File.Exists(step.To))
                    File.Move(step.To, step.From, overwrite: true);
            }
            throw;
        }
    }

    private static void Checkpoint(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    // Agents authenticated against the old tokens and devices; they reconnect and meet the restored ones.
    private void ReconnectAgents()
    {
        if (services.GetService<AgentRegistry>() is not { } registry)
            return;
        foreach (var agent in registry.List())
        {
            registry.Unassign(agent.DeviceId);
            registry.Disconnect(agent.DeviceId);
        }
    }

    private void DeleteScratch(string scratch)
    {
        try
        {
            Directory.Delete(scratch, recursive: true);
            if (!Directory.EnumerateFileSystemEntries(locations.ScratchFolder).Any())
                Directory.Delete(locations.ScratchFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogScratchLeft(ex, scratch);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace restored from the backup of {CreatedUtc}: {Files} files, {Bytes} bytes.")]
    private partial void LogRestored(DateTimeOffset createdUtc, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Swapping the restored workspace in failed; what had moved was moved back.")]
    private partial void LogSwapFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The restore's scratch folder {Folder} could not be removed; a clean-up removes it.")]
    private partial void LogScratchLeft(Exception exception, string folder);

    /// <summary>Contexts on the unpacked database, for the store that moves teacher paths there.</summary>
    private sealed class StagedContexts(DbContextOptions<RoCoInDbContext> options) : IDbContextFactory<RoCoInDbContext>
    {
        public RoCoInDbContext CreateDbContext() => new(options);
    }
}
