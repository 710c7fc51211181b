using System.Text.Json;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// backup.json, the manifest of a workspace backup: what made it, when, and every file it holds with its size and
/// SHA-256, so a restore can check the whole zip before it changes anything (ADR-011).
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Version">The layout's version; this studio writes and reads <see cref="CurrentVersion"/>.</param>
/// <param name="CreatedUtc">When the database was copied.</param>
/// <param name="DataPath">The data folder it was taken from, so teachers' stored paths can follow a restore elsewhere.</param>
/// <param name="Files">rocoin.db, models/&lt;sha256&gt;.onnx and distillation/&lt;job&gt;/teacher/… files.</param>
public sealed record BackupManifest(string Format, int Version, DateTimeOffset CreatedUtc, string DataPath, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "backup.json";
    public const string FormatName = "rocoin-backup";
    public const int CurrentVersion = 1;

    /// <summary>The database's path inside the zip.</summary>
    public const string DatabaseFile = "rocoin.db";

    /// <summary>camelCase, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Why <paramref name="file"/> cannot be part of a backup, or null: only the database, content-addressed
    /// model files named for their hash, and files in a distillation job's teacher folder are.</summary>
    public static string? Problem(BackupFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Bytes < 0)
            return $"backup.json gives {file.Path} a negative size.";
        if (!IsSha256(file.Sha256))
            return $"backup.json gives {file.Path} no SHA-256 (64 lowercase hex digits).";
        if (file.Path == DatabaseFile)
            return null;
        var segments = file.Path.Split('/');
        if (segments.Any(s => s is "" or "." or ".." || s.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || s.Contains('\\', StringComparison.Ordinal)))
            return $"{file.Path} is not a plain relative path.";
        if (segments is [WorkspaceLocations.ModelsFolderName, var model])
        {
            return model == $"{file.Sha256}.onnx" ? null
                : $"{file.Path} is not named for its content: a model file is models/<sha256>.onnx, and backup.json gives it SHA-256 {file.Sha256}.";
        }
        if (segments.Length >= 4 && segments[0] == WorkspaceLocations.DistillationFolderName && segments[2] == WorkspaceLocations.TeacherFolderName)
            return null;
        return $"{file.Path} is none of the files a workspace backup holds (rocoin.db, models/<sha256>.onnx, distillation/<job>/teacher/…).";
    }

    /// <summary>True for 64 lowercase hex digits, the form of every content hash the studio stores.</summary>
    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}
