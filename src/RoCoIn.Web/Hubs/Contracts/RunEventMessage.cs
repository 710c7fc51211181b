using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// An entry of a run's event log on the wire: simulated time, kind ("failure-start", "failure-end", "injection",
/// "abort", "end"), the text, and the device and 1-based group number concerned, if any.
/// </summary>
public sealed record RunEventMessage(double AtSeconds, string Kind, string Text, int? DeviceId, int? GroupNumber)
{
    /// <summary>Longest text sent; the event log's texts are short, this only bounds the message.</summary>
    public const int MaxTextLength = 300;

    public static RunEventMessage From(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.Text.Length <= MaxTextLength ? e.Text : e.Text[..(MaxTextLength - 1)] + "…";
        return new(RunWire.Finite(e.AtSeconds) ?? 0, e.Kind, text, e.DeviceId, e.Group + 1);
    }
}
