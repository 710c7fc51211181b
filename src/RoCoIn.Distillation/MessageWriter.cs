using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation;

/// <summary>Writes protocol messages as JSON lines, one per call, flushed at once; safe to call from several threads.</summary>
public sealed class MessageWriter(TextWriter output)
{
    private readonly Lock _lock = new();

    /// <summary>Writes <paramref name="message"/> as one line.</summary>
    public void Send(DistillationMessage message)
    {
        var line = DistillationJson.WriteLine(message);
        lock (_lock)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }
}
