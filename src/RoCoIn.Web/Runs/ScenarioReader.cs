using System.Text.Json;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Runs;

/// <summary>Reads a scenario sent as JSON, reporting a value of the wrong type under its field path.</summary>
public static class ScenarioReader
{
    /// <summary>
    /// The scenario in <paramref name="json"/>, or an error keyed <paramref name="prefix"/> + the JSON path
    /// ("scenario.events[2].startSeconds"). Only the JSON shape is checked here; <see cref="ScenarioValidator"/> checks values.
    /// </summary>
    public static (Scenario? Scenario, FieldError? Error) Read(string json, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return (Scenario.FromJson(json), null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path.TrimStart('$', '.');
            var field = (prefix + path).TrimEnd('.');
            return (null, new(field.Length == 0 ? "body" : field, $"Not a valid scenario here: {FirstSentence(ex.Message)}"));
        }
    }

    private static string FirstSentence(string text)
    {
        var cut = text.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? text[..cut] : text;
    }
}
