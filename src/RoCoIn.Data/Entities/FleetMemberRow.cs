namespace RoCoIn.Data.Entities;

/// <summary>Membership of one device in one fleet; <see cref="Position"/> keeps the order devices were added in.</summary>
public sealed class FleetMemberRow
{
    public int FleetId { get; set; }
    public int DeviceId { get; set; }
    public int Position { get; set; }
}
