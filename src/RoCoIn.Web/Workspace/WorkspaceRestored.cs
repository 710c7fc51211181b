namespace RoCoIn.Web.Workspace;

/// <summary>What a restore put in place.</summary>
/// <param name="BackupCreatedUtc">When the backup was taken.</param>
/// <param name="Files">Files restored, the database included.</param>
/// <param name="Bytes">Their size.</param>
/// <param name="MigrationsApplied">Migrations applied to bring the backup's database to this studio's schema (empty when it was current).</param>
/// <param name="TeachersMoved">Model sets whose teacher path was moved from the backup's data folder to this one.</param>
public sealed record WorkspaceRestored(DateTimeOffset BackupCreatedUtc, int Files, long Bytes, IReadOnlyList<string> MigrationsApplied, int TeachersMoved);
