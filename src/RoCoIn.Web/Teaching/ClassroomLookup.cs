namespace RoCoIn.Web.Teaching;

/// <summary>What a typed code leads to: <see cref="RunId"/>, or null and <see cref="Reason"/> saying why not.</summary>
/// <param name="Code">The code as shown ("K7M-Q2P") when it is well formed, else as typed.</param>
public sealed record ClassroomLookup(string Code, int? RunId, string? Reason);
