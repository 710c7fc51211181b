using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>What a Gantt bar shows of one member's part in a request.</summary>
public enum GanttPhase
{
    /// <summary>From the input's arrival at the device until it starts computing (its FIFO queue).</summary>
    Queued,

    /// <summary>Computing.</summary>
    Computing,

    /// <summary>From the end of computing until the reply reaches the requester.</summary>
    Replying,

    /// <summary>
    /// A real run's member, measured at the coordinator: from sending the input until its reply (or error) came back.
    /// Queueing, compute and transfers happen on the agent and are not told apart.
    /// </summary>
    RoundTrip,
}

/// <summary>One bar: a device row, a phase, its span in simulated seconds, and what to say on hover.</summary>
public sealed record GanttBar(string Row, int Group, GanttPhase Phase, double StartSeconds, double EndSeconds, long RequestId, string Text)
{
    public double DurationSeconds => EndSeconds - StartSeconds;
}

/// <summary>
/// The recent requests' paths per device, for a horizontal-bar Gantt: one row per device of the plan (in group order,
/// so a group's members sit together), one bar per phase that has both ends. Members that never received a request,
/// or whose times are missing (down, lost), have no bar; their outcome is in the hover text of the request path.
/// </summary>
public sealed record GanttData(IReadOnlyList<string> Rows, IReadOnlyList<GanttBar> Bars)
{
    public static GanttData Build(IReadOnlyList<RequestTrace> traces, SimulationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(topology);
        var rowOf = new Dictionary<int, string>();
        var rows = new List<string>();
        foreach (var device in topology.Devices)
        {
            var row = $"G{device.Group + 1} · {device.Name}";
            rowOf[device.DeviceId] = row;
            rows.Add(row);
        }
        var bars = new List<GanttBar>();
        foreach (var trace in traces)
        {
            foreach (var member in trace.Members)
            {
                if (!rowOf.TryGetValue(member.DeviceId, out var row))
                    continue;
                var outcome = RunFormat.OutcomeText(member.Outcome) + (member.Won ? ", first of its group" : "");
                void Add(GanttPhase phase, double? start, double? end, string what)
                {
                    if (start is { } s && end is { } e && e > s)
                    {
                        bars.Add(new GanttBar(row, member.Group, phase, s, e, trace.RequestId,
                            $"Request #{trace.RequestId} · {row} · {what} {RunFormat.Ms(e - s)} · {outcome}"));
                    }
                }
                if (member.StartSeconds is null && member.FinishSeconds is null)
                {
                    Add(GanttPhase.RoundTrip, member.ReceivedSeconds, member.ReplySeconds, "sent → reply");
                    continue;
                }
                Add(GanttPhase.Queued, member.ReceivedSeconds, member.StartSeconds, "queued");
                Add(GanttPhase.Computing, member.StartSeconds, member.FinishSeconds, "computing");
                Add(GanttPhase.Replying, member.FinishSeconds, member.ReplySeconds, "reply in flight");
            }
        }
        return new GanttData(rows, bars);
    }
}
