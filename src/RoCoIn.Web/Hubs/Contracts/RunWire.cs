using System.Text.Json;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>Small conversions shared by the run messages.</summary>
internal static class RunWire
{
    /// <summary>The value, or null when it is missing or not finite (JSON has no NaN or infinity).</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>"running", "finished", … as the REST API spells statuses.</summary>
    public static string Status(RunStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
