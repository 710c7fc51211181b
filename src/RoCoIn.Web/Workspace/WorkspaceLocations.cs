using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RoCoIn.Data;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// Where the workspace keeps its parts: the data folder with the SQLite file, models/&lt;sha256&gt;.onnx, and
/// distillation/job-&lt;id&gt;/ (a job's outputs, with the teacher it trained under teacher/).
/// </summary>
public sealed class WorkspaceLocations
{
    public const string ModelsFolderName = "models";
    public const string DistillationFolderName = "distillation";
    public const string TeacherFolderName = "teacher";

    /// <summary>Scratch space of restores, inside the data folder so that swapping folders in is a rename.</summary>
    public const string ScratchFolderName = ".workspace";

    public WorkspaceLocations(IOptions<StudioOptions> studio, IHostEnvironment environment, IDbContextFactory<RoCoInDbContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(contexts);
        DataPath = Path.GetFullPath(studio.Value.DataPath, environment.ContentRootPath);
        // Where ModelFiles.Folder puts them; the host environment is enough to find it.
        ModelsFolder = Path.Combine(DataPath, ModelsFolderName);
        DistillationFolder = Path.Combine(DataPath, DistillationFolderName);
        ScratchFolder = Path.Combine(DataPath, ScratchFolderName);
        using var db = contexts.CreateDbContext();
        if (!db.Database.IsSqlite())
            return;
        ConnectionString = db.Database.GetConnectionString();
        var connection = new SqliteConnectionStringBuilder(ConnectionString);
        if (connection.Mode != SqliteOpenMode.Memory && connection.DataSource is { Length: > 0 } file && file != ":memory:")
            DatabasePath = Path.GetFullPath(file);
    }

    public string DataPath { get; }

    public string ModelsFolder { get; }

    public string DistillationFolder { get; }

    public string ScratchFolder { get; }

    /// <summary>The SQLite connection string; null when the studio keeps its data in another database server.</summary>
    public string? ConnectionString { get; }

    /// <summary>The SQLite file; null for an in-memory database or another provider.</summary>
    public string? DatabasePath { get; }

    /// <summary>The database file and the files SQLite keeps beside it (write-ahead log, its index, a rollback journal).</summary>
    public static IReadOnlyList<string> DatabaseFiles(string databasePath) =>
        [databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal"];
}
