namespace RoCoIn.Web.Teaching;

/// <summary>
/// How one browser tab (its circuit) shows the studio for teaching: presenting (larger type, a high-contrast palette,
/// no editing controls) or following a presenter's run by join code (read-only). Either makes
/// <see cref="Access.StudioAccess.CanEdit"/> false for the tab.
/// </summary>
public sealed class ViewMode
{
    /// <summary>The query parameter that turns presenter mode on (1) or off (0), so a shared link opens the same way.</summary>
    public const string PresentParameter = "present";

    public bool Presenting { get; set; }

    /// <summary>The run this tab follows by join code; the tab stays read-only from then on.</summary>
    public int? FollowingRunId { get; set; }
}
