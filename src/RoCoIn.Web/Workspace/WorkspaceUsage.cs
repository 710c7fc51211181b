namespace RoCoIn.Web.Workspace;

/// <summary>What the workspace holds on disk and in its database (GET /api/workspace and the Workspace page).</summary>
/// <param name="DataPath">The data folder (RoCoIn:DataPath).</param>
/// <param name="Database">The SQLite file and its companions; null when the data lives in a database server.</param>
/// <param name="Parts">Bytes per part, in a fixed order: database, models, teachers, distillation outputs, other.</param>
/// <param name="Runs">Stored runs.</param>
/// <param name="StoredRunSeconds">Per-second rows stored for those runs.</param>
/// <param name="TotalBytes">All parts together.</param>
/// <param name="UnreferencedBytes">What a clean-up would remove.</param>
public sealed record WorkspaceUsage(
    string DataPath,
    DatabaseUsage? Database,
    IReadOnlyList<WorkspacePartUsage> Parts,
    long Runs,
    long StoredRunSeconds,
    long TotalBytes,
    long UnreferencedBytes);

/// <summary>The SQLite database's files, bytes (0 for a file that does not exist).</summary>
public sealed record DatabaseUsage(string Path, long FileBytes, long WalBytes, long ShmBytes)
{
    public long TotalBytes => FileBytes + WalBytes + ShmBytes;
}

/// <summary>One part of the workspace.</summary>
/// <param name="Key">database, models, teachers, distillationOutputs or other.</param>
/// <param name="Name">For people.</param>
/// <param name="Folder">Where it lives.</param>
/// <param name="Files">Files in it.</param>
/// <param name="Bytes">Their size.</param>
/// <param name="UnreferencedFiles">Files nothing refers to, which a clean-up removes.</param>
/// <param name="UnreferencedBytes">Their size.</param>
public sealed record WorkspacePartUsage(string Key, string Name, string Folder, int Files, long Bytes, int UnreferencedFiles, long UnreferencedBytes);

/// <summary>What a clean-up removed.</summary>
/// <param name="Files">Paths relative to the data folder, with '/' separators.</param>
/// <param name="Bytes">Their size.</param>
public sealed record WorkspaceCleanup(IReadOnlyList<string> Files, long Bytes);

/// <summary>A deleted model set and what became of its ONNX files.</summary>
/// <param name="Id">The model set.</param>
/// <param name="Name">Its name.</param>
/// <param name="RemovedFiles">Files removed (models/&lt;sha256&gt;.onnx) because no other model set names them.</param>
/// <param name="KeptFiles">Files kept because another model set names them (or a distillation job may be about to).</param>
/// <param name="Note">Why files were kept when that is not the obvious reason; null otherwise.</param>
public sealed record ModelSetDeletion(int Id, string Name, IReadOnlyList<string> RemovedFiles, IReadOnlyList<string> KeptFiles, string? Note);
