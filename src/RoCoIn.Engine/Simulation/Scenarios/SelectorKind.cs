namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>How a <see cref="TargetSelector"/> picks devices.</summary>
public enum SelectorKind
{
    /// <summary>By device name: a glob over the whole name, case-insensitive; <c>*</c> is any text, <c>?</c> one character.</summary>
    DeviceName,

    /// <summary>By hardware class: the whole class, case-insensitive.</summary>
    HardwareClass,

    /// <summary>By group: the 1-based group number as users see it ("1" is the first group).</summary>
    Group,
}
