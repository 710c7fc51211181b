using RoCoIn.Engine.Coordination;

namespace RoCoIn.Engine.Tests.Coordination;

public sealed class RequestCoordinatorTests
{
    private static readonly TimeSpan Tau = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Delta = TimeSpan.FromMilliseconds(100);
    private static readonly byte[] Pixels = [1, 2, 3];

    // Group 0: devices 1, 2 (width 2); group 1: devices 3, 4 (width 3). Given out of order on purpose.
    private static readonly CoordinatorGroup[] Groups =
    [
        new(1, [3, 4], 3),
        new(0, [1, 2], 2),
    ];

    private static RequestCoordinator Create(ScriptedMembers members, EchoAggregator aggregator, CoordinationMode mode,
        TimeProvider? time = null, Func<int, bool>? isLive = null) =>
        new(members, aggregator, Groups, new CoordinatorOptions(Tau, Delta, mode, 4), time, isLive);

    [Fact]
    public async Task The_first_reply_of_each_group_wins_and_the_rest_are_cancelled()
    {
        var members = new ScriptedMembers();
        var never = new TaskCompletionSource();
        members.Scripts[1] = ScriptedMembers.Reply(5, 1);
        members.Scripts[2] = ScriptedMembers.After(never.Task, 9, 9);
        members.Scripts[3] = ScriptedMembers.After(never.Task, 9, 9, 9);
        members.Scripts[4] = ScriptedMembers.Reply(1, 2, 3);
        var aggregator = new EchoAggregator(5, 5);
        using var coordinator = Create(members, aggregator, CoordinationMode.Strict);

        var outcome = await coordinator.CoordinateAsync(7, Pixels, label: 0, TestContext.Current.CancellationToken);

        outcome.Served.ShouldBeTrue();
        outcome.AnsweredMask.ShouldBe(0b11);
        outcome.Predicted.ShouldBe(0);
        outcome.Correct.ShouldBeTrue();
        Outcome(outcome, 1).ShouldBe(MemberOutcome.Won);
        Outcome(outcome, 2).ShouldBe(MemberOutcome.Cancelled);
        Outcome(outcome, 3).ShouldBe(MemberOutcome.Cancelled);
        Outcome(outcome, 4).ShouldBe(MemberOutcome.Won);
        aggregator.Inputs.Single().ShouldBe([5f, 1f, 1f, 2f, 3f]);
    }

    [Fact]
    public async Task The_answered_mask_is_by_partition_not_by_position()
    {
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Reply(5, 1);
        members.Scripts[3] = ScriptedMembers.Reply(1, 2, 3);
        CoordinatorGroup[] groups = [new(5, [3], 3), new(2, [1], 2)];
        using var coordinator = new RequestCoordinator(members, new EchoAggregator(5, 5), groups,
            new CoordinatorOptions(Tau, Delta, CoordinationMode.Strict, 4));

        var outcome = await coordinator.CoordinateAsync(1, Pixels, label: 0, TestContext.Current.CancellationToken);

        outcome.AnsweredMask.ShouldBe((1 << 2) | (1 << 5));
        Should.Throw<ArgumentException>(() => new RequestCoordinator(members, new EchoAggregator(5, 5), [new CoordinatorGroup(31, [1], 2)],
            new CoordinatorOptions(Tau, Delta, CoordinationMode.Strict, 4))).Message.ShouldContain("0–30");
    }

    [Fact]
    public async Task Features_land_at_their_partitions_offsets()
    {
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Reply(10, 11);
        members.Scripts[2] = ScriptedMembers.Silent();
        members.Scripts[3] = ScriptedMembers.Silent();
        members.Scripts[4] = ScriptedMembers.Reply(20, 21, 22);
        var aggregator = new EchoAggregator(5, 10);
        using var coordinator = Create(members, aggregator, CoordinationMode.Strict);

        coordinator.Offsets.ShouldBe([0, 2]);
        coordinator.Groups.Select(g => g.Partition).ShouldBe([0, 1]);
        var outcome = await coordinator.CoordinateAsync(1, Pixels, label: 4, TestContext.Current.CancellationToken);

        aggregator.Inputs.Single().ShouldBe([10f, 11f, 20f, 21f, 22f]);
        outcome.Predicted.ShouldBe(4);
        outcome.Correct.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_member_falls_over_to_its_group_peer()
    {
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Fail("crashed");
        members.Scripts[2] = ScriptedMembers.Reply(1, 0);
        members.Scripts[3] = _ => Task.FromException<float[]>(new MemberUnavailableException("down"));
        members.Scripts[4] = ScriptedMembers.Reply(0, 0, 0);
        using var coordinator = Create(members, new EchoAggregator(5, 5), CoordinationMode.Strict);

        var outcome = await coordinator.CoordinateAsync(1, Pixels, label: 0, TestContext.Current.CancellationToken);

        outcome.Served.ShouldBeTrue();
        Outcome(outcome, 1).ShouldBe(MemberOutcome.Failed);
        outcome.Members.Single(m => m.DeviceId == 1).Error.ShouldBe("crashed");
        Outcome(outcome, 2).ShouldBe(MemberOutcome.Won);
        Outcome(outcome, 3).ShouldBe(MemberOutcome.Unavailable);
        Outcome(outcome, 4).ShouldBe(MemberOutcome.Won);
    }

    [Fact]
    public async Task Members_not_live_are_not_asked_and_a_reply_of_the_wrong_width_fails()
    {
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Reply(1, 2, 3);   // width 2 expected
        members.Scripts[2] = ScriptedMembers.Reply(1, 2);
        members.Scripts[4] = ScriptedMembers.Reply(1, 2, 3);
        using var coordinator = Create(members, new EchoAggregator(5, 5), CoordinationMode.Strict, isLive: id => id != 3);

        var outcome = await coordinator.CoordinateAsync(1, Pixels, label: 1, TestContext.Current.CancellationToken);

        outcome.Served.ShouldBeTrue();
        members.Called.ShouldNotContain(3);
        Outcome(outcome, 3).ShouldBe(MemberOutcome.Unavailable);
        Outcome(outcome, 1).ShouldBe(MemberOutcome.Failed);
        Outcome(outcome, 2).ShouldBe(MemberOutcome.Won);
    }

    [Theory]
    [InlineData(CoordinationMode.Strict, false)]
    [InlineData(CoordinationMode.Degraded, true)]
    public async Task A_group_with_no_reply_fails_a_strict_request_but_not_a_degraded_one(CoordinationMode mode, bool served)
    {
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Reply(0, 7);
        members.Scripts[2] = ScriptedMembers.Fail("x");
        members.Scripts[3] = ScriptedMembers.Fail("y");
        members.Scripts[4] = _ => Task.FromException<float[]>(new MemberUnavailableException("down"));
        var aggregator = new EchoAggregator(5, 5);
        using var coordinator = Create(members, aggregator, mode);

        var outcome = await coordinator.CoordinateAsync(1, Pixels, label: 1, TestContext.Current.CancellationToken);

        outcome.Served.ShouldBe(served);
        outcome.AnsweredMask.ShouldBe(0b01);
        if (served)
        {
            aggregator.Inputs.Single().ShouldBe([0f, 7f, 0f, 0f, 0f]);   // the missing group's features are zeros
            outcome.Predicted.ShouldBe(1);
            outcome.Correct.ShouldBeTrue();
            outcome.Latency.ShouldBeGreaterThanOrEqualTo(Tau - Delta);   // §3: the requester waits out the deadline
        }
        else
        {
            aggregator.Inputs.ShouldBeEmpty();
            outcome.Predicted.ShouldBeNull();
            outcome.Correct.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task The_deadline_tau_minus_delta_is_honoured_on_the_clock_it_is_given()
    {
        var clock = new SteppedClock();
        var members = new ScriptedMembers();
        members.Scripts[1] = ScriptedMembers.Reply(1, 0);
        members.Scripts[2] = ScriptedMembers.Silent();
        members.Scripts[3] = ScriptedMembers.Silent();   // group 1 never answers
        members.Scripts[4] = ScriptedMembers.Silent();
        using var coordinator = Create(members, new EchoAggregator(5, 5), CoordinationMode.Strict, clock);

        var pending = coordinator.CoordinateAsync(1, Pixels, label: 0, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => clock.Timers > 0 && members.Called.Count == 4);
        clock.Advance(Tau - Delta - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50, TestContext.Current.CancellationToken);   // give a wrong implementation the chance to finish early
        pending.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        outcome.Served.ShouldBeFalse();
        outcome.Latency.ShouldBe(Tau - Delta);
        Outcome(outcome, 1).ShouldBe(MemberOutcome.Won);
        Outcome(outcome, 3).ShouldBe(MemberOutcome.Cancelled);
        Outcome(outcome, 4).ShouldBe(MemberOutcome.Cancelled);
    }

    [Fact]
    public async Task No_more_than_the_allowed_requests_are_in_flight()
    {
        var members = new ScriptedMembers();
        var gate = new TaskCompletionSource();
        var inFlight = 0;
        var most = 0;
        Func<CancellationToken, Task<float[]>> Counted(int width) => async ct =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            try
            {
                await gate.Task.WaitAsync(ct);
                return new float[width];
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        };
        members.Scripts[1] = Counted(2);
        members.Scripts[2] = Counted(2);
        members.Scripts[3] = Counted(3);
        members.Scripts[4] = Counted(3);
        using var coordinator = new RequestCoordinator(members, new EchoAggregator(5, 5), Groups,
            new CoordinatorOptions(TimeSpan.FromSeconds(30), Delta, CoordinationMode.Strict, MaxInFlight: 2));

        var requests = Enumerable.Range(0, 6).Select(i => coordinator.CoordinateAsync(i, Pixels, 0, TestContext.Current.CancellationToken)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref inFlight) == 8);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Volatile.Read(ref most).ShouldBe(8);   // 2 requests × 4 members
        gate.SetResult();
        var outcomes = await Task.WhenAll(requests);
        outcomes.ShouldAllBe(o => o.Served);
        most.ShouldBe(8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static MemberOutcome Outcome(RequestOutcome outcome, int deviceId) => outcome.Members.Single(m => m.DeviceId == deviceId).Outcome;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not hold within 10 s.");
            await Task.Delay(5);   // poll interval
        }
    }
}
