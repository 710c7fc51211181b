namespace RoCoIn.Web.Learn;

/// <summary>What a lesson's widget shows; every view knows where "Try it yourself" leads with the lesson's settings.</summary>
public interface ILessonView
{
    /// <summary>The real page, with the lesson's settings in its query string.</summary>
    string TryHref { get; }

    /// <summary>What the try link opens, in words.</summary>
    string TryText { get; }
}

/// <summary>Why a lesson has nothing to show yet, and the page that fixes it.</summary>
public sealed record LessonEmpty(string Title, string Text, string Href, string ButtonText);

/// <summary>A loaded lesson: its view (or why there is none) and the query parameters that could not be used.</summary>
public sealed record LessonLoad(ILessonView? View, LessonEmpty? Empty, IReadOnlyList<LessonQueryError> Errors);
