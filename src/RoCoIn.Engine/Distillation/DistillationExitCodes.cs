namespace RoCoIn.Engine.Distillation;

/// <summary>Exit codes of the distillation program.</summary>
public static class DistillationExitCodes
{
    /// <summary>The job finished; result.json is written and a result line was sent.</summary>
    public const int Success = 0;

    /// <summary>The job failed while running (training, export, verification, I/O); an error line was sent.</summary>
    public const int Failure = 1;

    /// <summary>The job's input is invalid (spec, dataset or saved teacher); an error line is the first line sent.</summary>
    public const int InvalidInput = 2;
}
