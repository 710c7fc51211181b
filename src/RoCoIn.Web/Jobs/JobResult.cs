namespace RoCoIn.Web.Jobs;

/// <summary>What a finished job made: its kind (see <see cref="JobResultKinds"/>) and stored id, e.g. ("plan", 17).</summary>
public sealed record JobResult(string ResultKind, int ResultId);
