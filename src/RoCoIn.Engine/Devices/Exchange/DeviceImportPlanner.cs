namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>Decides, row by row, what importing a file into the stored devices means.</summary>
public static class DeviceImportPlanner
{
    /// <summary>
    /// Combines a read file with the stored devices. Any error in the file, or (in
    /// <see cref="DeviceImportMode.Add"/>) any name already stored, makes the whole plan invalid.
    /// </summary>
    public static DeviceImportPlan Plan(DeviceFileReadResult file, IReadOnlyCollection<DeviceProfile> stored, DeviceImportMode mode)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(stored);
        var errors = file.Errors.ToList();
        if (file.Devices.Count == 0 && errors.Count == 0)
            errors.Add(new RowError(0, null, "file", "The file holds no devices."));

        // GroupBy: a database written before names were compared this way may hold two that now collide.
        var byName = stored.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var creates = new List<DeviceProfile>();
        var updates = new List<DeviceProfile>();
        for (var i = 0; i < file.Devices.Count; i++)
        {
            var device = file.Devices[i];
            if (!byName.TryGetValue(device.Name, out var existing))
                creates.Add(device with { Id = 0 });
            else if (mode == DeviceImportMode.Replace)
                updates.Add(device with { Id = existing.Id });
            else
                errors.Add(new RowError(RowOf(file, i), device.Name, DeviceFields.Name,
                    $"A device named '{existing.Name}' already exists. Rename the row, or import in replace mode to overwrite it."));
        }
        return errors.Count == 0 ? new(creates, updates, []) : new([], [], errors.OrderBy(e => e.Row).ToList());
    }

    /// <summary>Errors for names that occur more than once among <paramref name="devices"/> (case-insensitive).</summary>
    internal static IEnumerable<RowError> DuplicateNames(IReadOnlyList<DeviceProfile> devices, IReadOnlyList<int> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < devices.Count; i++)
        {
            if (seen.TryGetValue(devices[i].Name, out var firstRow))
                yield return new RowError(rows[i], devices[i].Name, DeviceFields.Name,
                    $"The name is used again; row {firstRow} has it already. Names must be unique.");
            else
                seen[devices[i].Name] = rows[i];
        }
    }

    private static int RowOf(DeviceFileReadResult file, int index) =>
        index < file.Rows.Count ? file.Rows[index] : index + 1;
}
