using System.Globalization;

namespace RoCoIn.Agent;

/// <summary>Plain log lines on standard error: "2026-11-26T18:20:00.123Z info  [device] message".</summary>
public sealed class AgentLog(TextWriter writer, string device, TimeProvider time)
{
    private readonly Lock _lock = new();

    public void Info(string message) => Write("info ", message);

    public void Warn(string message) => Write("warn ", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {level} [{device}] {message}");
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
