using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace RoCoIn.Web.Access;

/// <summary>
/// What the person behind a page may do, for components (ADR-013). Components hide editing controls when
/// <see cref="CanEdit"/> is false (the courtesy) and their handlers call <see cref="DeniesEdit"/> first (the rule), since a
/// viewer's circuit could still invoke a handler whose button is hidden.
/// </summary>
public sealed class StudioAccess(AuthenticationStateProvider authentication, AccessPolicy policy, Teaching.ViewMode? view = null)
{
    public const string ViewerMessage = "You are signed in as a viewer: viewers can look but not change anything. Sign in as an editor to make changes.";

    /// <summary>The page's user. Blazor sets the state from the request before components render, so it is already known.</summary>
    public ClaimsPrincipal User => authentication.GetAuthenticationStateAsync() is { IsCompletedSuccessfully: true } state
        ? state.Result.User
        : new ClaimsPrincipal(new ClaimsIdentity());

    public const string PresenterMessage = "Presenter mode hides editing; switch it off (the projector button in the top bar) to make changes.";

    public const string FollowerMessage = "You are following a class run: this tab only watches. Open the studio in another tab to make changes.";

    /// <summary>Whether the user may change things here and now: an editor, neither presenting nor following a class run.</summary>
    public bool CanEdit => User.IsEditor() && view?.Presenting != true && view?.FollowingRunId is null;

    /// <summary>Whether presenter mode is on in this tab.</summary>
    public bool Presenting => view?.Presenting == true;

    /// <summary>Whether this tab follows a class run.</summary>
    public bool Following => view?.FollowingRunId is not null;

    public bool SignedIn => User.IsSignedIn();

    public string? UserName => User.Identity?.Name;

    public bool RequiresLogin => policy.RequiresLogin;

    /// <summary>True (after telling the user why) when the user may not change anything; handlers then return.</summary>
    public bool DeniesEdit(ISnackbar? snackbar = null)
    {
        if (CanEdit)
            return false;
        snackbar?.Add(Following ? FollowerMessage : Presenting && User.IsEditor() ? PresenterMessage : ViewerMessage, Severity.Warning);
        return true;
    }
}
