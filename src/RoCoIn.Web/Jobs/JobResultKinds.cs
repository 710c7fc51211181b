namespace RoCoIn.Web.Jobs;

/// <summary>
/// The names finished jobs give what they made, and where that lives in the API and in the studio.
/// A new kind of result gets a constant and a line in each switch.
/// </summary>
public static class JobResultKinds
{
    public const string Plan = "plan";
    public const string ModelSet = "modelSet";
    public const string Run = "run";

    /// <summary>The result's REST address, e.g. /api/plans/17; null for a kind this studio does not know.</summary>
    public static string? ApiUrl(string? resultKind, int? resultId) => resultId is not { } id ? null : resultKind switch
    {
        Plan => $"/api/plans/{id}",
        ModelSet => $"/api/model-sets/{id}",
        Run => $"/api/runs/{id}",
        _ => null,
    };

    /// <summary>The result's page, e.g. /plans/17; null for a kind this studio does not know.</summary>
    public static string? PageUrl(string? resultKind, int? resultId) => resultId is not { } id ? null : resultKind switch
    {
        Plan => $"/plans/{id}",
        ModelSet => $"/model-sets/{id}",
        Run => $"/runs/{id}",
        _ => null,
    };
}
