namespace RoCoIn.Web.Distillation;

/// <summary>The "RoCoIn:Distillation" configuration section.</summary>
public sealed class DistillationOptions
{
    public const string Section = "RoCoIn:Distillation";

    /// <summary>Path of RoCoIn.Distillation.dll; empty to find it in the build output (artifacts/bin/RoCoIn.Distillation).</summary>
    public string ProgramPath { get; set; } = "";

    /// <summary>A folder with the four Fashion-MNIST IDX files; empty to use Debian's package or the bundled subset.</summary>
    public string DatasetFolder { get; set; } = "";

    /// <summary>CPU threads the trainer may use; 1 keeps a core for the studio on a 2-core machine.</summary>
    public int Threads { get; set; } = 1;
}
