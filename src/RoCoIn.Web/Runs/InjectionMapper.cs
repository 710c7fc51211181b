using System.Globalization;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Turns the API's injection (device by name or id, or a 1-based group number) into the engine's (device id or 0-based
/// group), checking it against the run's topology with <see cref="Simulator.ValidateInjection"/>. Errors are named
/// "injection.…" in the API's terms.
/// </summary>
public static class InjectionMapper
{
    public static (Injection? Injection, IReadOnlyList<FieldError> Errors) Map(RunInjectionInput input, SimulationTopology topology, double atSeconds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(topology);
        var errors = new List<FieldError>();
        InjectionAction action = default;
        if (string.IsNullOrWhiteSpace(input.Action))
        {
            errors.Add(new("injection.action", $"Choose an action: {Actions}."));
        }
        else if (!Enum.TryParse(input.Action.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out action)
            || !Enum.IsDefined(action) || int.TryParse(input.Action, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new("injection.action", $"Unknown action '{input.Action}'. Use one of: {Actions}."));
        }

        var targets = (input.DeviceName is null ? 0 : 1) + (input.DeviceId is null ? 0 : 1) + (input.GroupNumber is null ? 0 : 1);
        int? deviceId = null;
        int? group = null;
        if (targets != 1)
        {
            errors.Add(new("injection", targets == 0
                ? "Name the target: deviceName, deviceId or groupNumber (1 = the first group)."
                : "Name one target only: deviceName, deviceId or groupNumber."));
        }
        else if (input.DeviceName is { } name)
        {
            var device = topology.Devices.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (device is null)
                errors.Add(new("injection.deviceName", $"No device of this run is named '{name}'. Its devices: {DeviceNames(topology)}."));
            else
                deviceId = device.DeviceId;
        }
        else if (input.DeviceId is { } id)
        {
            if (topology.Devices.Any(d => d.DeviceId == id))
                deviceId = id;
            else
                errors.Add(new("injection.deviceId", $"Device {id} is not in this run's plan. Its devices: {DeviceNames(topology)}."));
        }
        else if (input.GroupNumber is { } number)
        {
            if (number >= 1 && number <= topology.Groups.Count)
                group = number - 1;
            else
                errors.Add(new("injection.groupNumber", $"Group {number} does not exist; this run's plan has groups 1 to {topology.Groups.Count}."));
        }
        if (errors.Count > 0)
            return (null, errors);

        var injection = new Injection(atSeconds, action, deviceId, group, input.Factor ?? 1, input.ExtraLatencySeconds ?? 0, input.LossProbability ?? 0);
        var invalid = Simulator.ValidateInjection(topology, injection);
        return invalid.Count == 0
            ? (injection, [])
            : (null, invalid.Select(e => e with { Field = "injection." + (e.Field == "group" ? "groupNumber" : e.Field) }).ToList());
    }

    private static string Actions => string.Join(", ", Enum.GetNames<InjectionAction>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    private static string DeviceNames(SimulationTopology topology)
    {
        var names = topology.Devices.Select(d => d.Name).ToList();
        return names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $", … ({names.Count} in all)";
    }
}
