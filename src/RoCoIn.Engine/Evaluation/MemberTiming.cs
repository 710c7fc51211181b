namespace RoCoIn.Engine.Evaluation;

/// <summary>One group member's isolated-request time t_nk and its probability of giving no reply.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Seconds">t_nk = 2ℓ + D_in/r↓ + c_k/f + b·d_k/r↑ (<see cref="LatencyModel.MemberSeconds"/>).</param>
/// <param name="NoReplyProbability">p_n, or p_eff when MTBF/MTTR are set (<see cref="LatencyModel.EffectiveNoReplyProbability"/>).</param>
public sealed record MemberTiming(int DeviceId, double Seconds, double NoReplyProbability);

/// <summary>The members of one group, all running the same student.</summary>
public sealed record GroupTiming(IReadOnlyList<MemberTiming> Members);
