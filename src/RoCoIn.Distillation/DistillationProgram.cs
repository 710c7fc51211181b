using System.Text.Json;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation;

/// <summary>
/// The command line: <c>RoCoIn.Distillation &lt;job.json&gt;</c>. Standard output carries only JSON lines
/// (<see cref="DistillationMessage"/>); diagnostics go to standard error. Exit codes: <see cref="DistillationExitCodes"/>.
/// </summary>
public static class DistillationProgram
{
    /// <summary>Runs the job named by <paramref name="args"/> and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var writer = new MessageWriter(output);
        try
        {
            if (args.Length != 1)
                throw new DistillationInputException("Usage: RoCoIn.Distillation <job.json>");
            var spec = ReadSpec(args[0]);
            DistillationRunner.Run(spec, writer.Send, cancellationToken);
            return DistillationExitCodes.Success;
        }
        catch (DistillationInputException ex)
        {
            writer.Send(new DistillationErrorMessage(ex.Message, ex.Errors));
            return DistillationExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            writer.Send(new DistillationErrorMessage("The job was cancelled."));
            return DistillationExitCodes.Failure;
        }
#pragma warning disable CA1031 // The program's last resort: every failure becomes an error line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine(ex);
            writer.Send(new DistillationErrorMessage($"The job failed: {ex.Message}"));
            return DistillationExitCodes.Failure;
        }
    }

    /// <summary>Reads a job file.</summary>
    /// <exception cref="DistillationInputException">The file is missing, unreadable or not a job.</exception>
    public static DistillationJobSpec ReadSpec(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DistillationInputException($"Cannot read the job file {path}: {ex.Message}", ex);
        }
        try
        {
            return DistillationJson.ReadSpec(json);
        }
        catch (JsonException ex)
        {
            throw new DistillationInputException($"The job file {path} is not a distillation job: {ex.Message}", ex);
        }
    }
}
