namespace RoCoIn.Web.Workspace;

/// <summary>One file of a workspace backup.</summary>
/// <param name="Path">Its path in the zip and under the data folder, with '/' separators.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">SHA-256 of its content, 64 lowercase hex digits.</param>
public sealed record BackupFile(string Path, long Bytes, string Sha256);
