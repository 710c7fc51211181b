namespace RoCoIn.Web.Teaching;

/// <summary>A live run opened to a class: its join code (shown as "K7M-Q2P") and where followers go.</summary>
public sealed record ClassroomCode(int RunId, string Code)
{
    /// <summary>The page that follows the run read-only.</summary>
    public string JoinPath => $"/follow/{Code}";
}
