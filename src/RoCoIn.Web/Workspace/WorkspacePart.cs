namespace RoCoIn.Web.Workspace;

/// <summary>The parts of a workspace, in the order they are shown.</summary>
public enum WorkspacePart
{
    Database,
    Models,
    Teachers,
    DistillationOutputs,
    Other,
}
