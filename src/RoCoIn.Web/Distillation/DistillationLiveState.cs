using System.Collections.Concurrent;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Web.Distillation;

/// <summary>
/// The progress lines of running distillation jobs, kept in memory so the job page can draw live loss and accuracy
/// curves; the final history is stored with the model set.
/// </summary>
public sealed class DistillationLiveState
{
    private readonly ConcurrentDictionary<int, List<DistillationProgressMessage>> _lines = new();

    public void Add(int jobId, DistillationProgressMessage message)
    {
        var list = _lines.GetOrAdd(jobId, _ => []);
        lock (list)
            list.Add(message);
    }

    /// <summary>A copy of the job's progress lines so far (empty when none).</summary>
    public IReadOnlyList<DistillationProgressMessage> Lines(int jobId)
    {
        if (!_lines.TryGetValue(jobId, out var list))
            return [];
        lock (list)
            return list.ToList();
    }
}
