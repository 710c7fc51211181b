namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>How an import treats a device whose name is already taken.</summary>
public enum DeviceImportMode
{
    /// <summary>A name that already exists is a row error, and so nothing is imported.</summary>
    Add,

    /// <summary>A device whose name exists replaces the stored profile (same id, fleets keep it); others are added.</summary>
    Replace,
}
