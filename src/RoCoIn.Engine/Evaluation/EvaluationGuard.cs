using System.Globalization;

namespace RoCoIn.Engine.Evaluation;

/// <summary>Argument checks shared by the evaluators; messages name the bad value and say what it must be.</summary>
internal static class EvaluationGuard
{
    public static string Invalid(string name, double value, string rule) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} is {value:R}; it {rule}.");

    /// <summary>τ finite and &gt; 0, δ finite and ≥ 0, L_obj in (0, τ], a defined mode.</summary>
    public static void CheckSettings(EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tau = settings.DeadlineSeconds;
        if (!(double.IsFinite(tau) && tau > 0))
            throw new ArgumentException(Invalid("settings.DeadlineSeconds (τ)", tau, "must be finite and > 0"), nameof(settings));
        var delta = settings.AggregatorSeconds;
        if (!(double.IsFinite(delta) && delta >= 0))
            throw new ArgumentException(Invalid("settings.AggregatorSeconds (δ)", delta, "must be finite and ≥ 0"), nameof(settings));
        var objective = settings.ObjectiveSeconds;
        if (!(objective > 0 && objective <= tau))
            throw new ArgumentException(
                Invalid("settings.ObjectiveSeconds (L_obj)", objective,
                    string.Create(CultureInfo.InvariantCulture, $"must lie in (0, τ] = (0, {tau:R}]")),
                nameof(settings));
        if (!Enum.IsDefined(settings.Mode))
            throw new ArgumentException($"settings.Mode is {(int)settings.Mode}; it must be Strict or Degraded.", nameof(settings));
    }

    /// <summary>The group list and its member lists are not null.</summary>
    public static IReadOnlyList<MemberTiming> Members(IReadOnlyList<GroupTiming> groups, int group)
    {
        var timing = groups[group] ?? throw new ArgumentException($"groups[{group}] is null.", nameof(groups));
        return timing.Members ?? throw new ArgumentException($"groups[{group}].Members is null.", nameof(groups));
    }

    /// <summary>t_nk finite and ≥ 0, p_n in [0, 1].</summary>
    public static void CheckMember(MemberTiming? member, int group, int index, string paramName)
    {
        if (member is null)
            throw new ArgumentException($"groups[{group}].Members[{index}] is null.", paramName);
        if (!(double.IsFinite(member.Seconds) && member.Seconds >= 0))
            throw new ArgumentException(
                Invalid($"groups[{group}].Members[{index}].Seconds (device {member.DeviceId})", member.Seconds, "must be finite and ≥ 0"),
                paramName);
        if (!(member.NoReplyProbability is >= 0 and <= 1))
            throw new ArgumentException(
                Invalid($"groups[{group}].Members[{index}].NoReplyProbability (device {member.DeviceId})", member.NoReplyProbability,
                    "must lie in [0, 1]"),
                paramName);
    }
}
