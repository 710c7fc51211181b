namespace RoCoIn.Web.Learn;

/// <summary>Which live widget a lesson shows; each lesson has one, and its steps pick a view of it.</summary>
public enum LessonWidget
{
    OneDevice,
    Partition,
    Redundancy,
    Failures,
}

/// <summary>The part of its lesson's widget a step shows.</summary>
public enum StepView
{
    TeacherCost,
    TeacherMemory,
    TeacherLatency,
    StudentsInstead,

    Channels,
    PartitionStudents,
    StudentAccuracy,
    MissingGroups,

    Groups,
    Reliability,
    Tradeoff,
    ExpectedAccuracy,

    RequestPath,
    CrashDevices,
    StrictVersusDegraded,
    RunSummary,
}

/// <summary>One step of a lesson: a short explanation, the formula it is about, and the widget's view.</summary>
/// <param name="Title">Heading of the step.</param>
/// <param name="Text">The explanation, plain text (figures come from the widget, never from this text).</param>
/// <param name="FormulaHtml">The formula from rocoin-model.md as HTML with &lt;sub&gt;/&lt;sup&gt; (constant, trusted markup).</param>
/// <param name="FormulaSource">Where the formula comes from, e.g. "rocoin-model.md §3".</param>
/// <param name="Terms">Glossary keys of the terms this step uses (<see cref="Glossary"/>).</param>
/// <param name="View">What the widget shows on this step.</param>
public sealed record LessonStep(string Title, string Text, string FormulaHtml, string FormulaSource, IReadOnlyList<string> Terms, StepView View);

/// <summary>A guided lesson: an ordered list of steps around one live widget.</summary>
/// <param name="Slug">URL segment: /learn/{slug}/{step}.</param>
/// <param name="Title">Title.</param>
/// <param name="Summary">One or two sentences for the lesson list.</param>
/// <param name="Widget">The live widget of every step.</param>
/// <param name="Parameters">Query parameters the lesson reads (its settings, shared by every step).</param>
/// <param name="Steps">The steps, shown as /learn/{slug}/1 onwards.</param>
public sealed record Lesson(string Slug, string Title, string Summary, LessonWidget Widget, IReadOnlyList<string> Parameters,
    IReadOnlyList<LessonStep> Steps)
{
    /// <summary>URL of step <paramref name="step"/> (1-based) with the query string <paramref name="query"/> ("" or "?…").</summary>
    public string StepHref(int step, string query = "") =>
        $"/learn/{Slug}/{step.ToString(System.Globalization.CultureInfo.InvariantCulture)}{query}";
}
