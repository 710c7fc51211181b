namespace RoCoIn.Web.Workspace;

/// <summary>The "RoCoIn:Workspace" configuration section.</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "RoCoIn:Workspace";

    /// <summary>Largest backup a restore accepts, bytes: the uploaded zip, and again the files it unpacks to.</summary>
    public long MaxBackupBytes { get; set; } = 4_000_000_000;
}
