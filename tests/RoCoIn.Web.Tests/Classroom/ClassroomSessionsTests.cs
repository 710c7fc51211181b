using System.Text.RegularExpressions;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Teaching;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Classroom;

/// <summary>Join codes on the real run host: their shape, how they are typed, which run they lead to and when they end.</summary>
public sealed partial class ClassroomSessionsTests : RunComponentTestBase
{
    [GeneratedRegex("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{3}$")]
    private static partial Regex ShownCode();

    private ClassroomSessions? _sessions;

    private ClassroomSessions Sessions => _sessions ??= new ClassroomSessions(Host);

    private static ClassroomCode OpenOk(ClassroomSessions sessions, int runId)
    {
        var opened = sessions.Open(runId);
        opened.IsOk.ShouldBeTrue(opened.Message);
        return opened.Value!;
    }

    [Fact]
    public async Task ALiveRunGetsSixCharactersWithoutLookAlikesShownInTwoGroupsOfThree()
    {
        var runId = await StartPausedRunAsync();

        var code = OpenOk(Sessions, runId);

        code.RunId.ShouldBe(runId);
        code.Code.ShouldMatch(ShownCode().ToString());
        code.Code.ShouldNotContain("0");
        code.JoinPath.ShouldBe($"/follow/{code.Code}");
        ClassroomSessions.Alphabet.ShouldNotContain('O');
        ClassroomSessions.Alphabet.ShouldNotContain('I');
        ClassroomSessions.Alphabet.ShouldNotContain('L');
        ClassroomSessions.Alphabet.ShouldNotContain('1');
    }

    [Fact]
    public async Task TheSameRunKeepsItsCodeWhileOtherRunsGetOthers()
    {
        var first = await StartPausedRunAsync(seed: 1);
        var second = await StartPausedRunAsync(seed: 2);
        var third = await StartPausedRunAsync(seed: 3);

        var codes = new[] { first, second, third }.Select(id => OpenOk(Sessions, id).Code).ToList();
        var again = OpenOk(Sessions, first).Code;

        codes.Distinct().Count().ShouldBe(3);
        again.ShouldBe(codes[0]);
        Sessions.OpenCount.ShouldBe(3);
    }

    [Fact]
    public async Task OpeningTheSameRunFromManyThreadsAtOnceGivesOneCode()
    {
        var runId = await StartPausedRunAsync();

        var codes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => OpenOk(Sessions, runId).Code, Ct)));

        codes.Distinct().ShouldHaveSingleItem();
        Sessions.OpenCount.ShouldBe(1);
    }

    [Fact]
    public async Task ACodeResolvesWithOrWithoutItsDashInAnyCase()
    {
        var runId = await StartPausedRunAsync();
        var code = OpenOk(Sessions, runId).Code;
        var bare = code.Replace("-", "", StringComparison.Ordinal);

        foreach (var typed in new[] { code, bare, code.ToLowerInvariant(), bare.ToLowerInvariant(), $"  {code[..3]} {code[4..]} " })
        {
            var lookup = Sessions.Resolve(typed);
            lookup.RunId.ShouldBe(runId, $"'{typed}'");
            lookup.Code.ShouldBe(code);
            lookup.Reason.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("abc-234", "ABC234")]
    [InlineData("ABC234", "ABC234")]
    [InlineData(" xyz 789 ", "XYZ789")]
    [InlineData("k-7-m-q-2-p", "K7MQ2P")]
    [InlineData("ABC-23", null)]
    [InlineData("ABC-2345", null)]
    [InlineData("ABO-234", null)]
    [InlineData("AB1-234", null)]
    [InlineData("ABI-L34", null)]
    [InlineData("ÄBC-234", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TypedCodesAreNormalisedOrRefused(string? typed, string? normal)
    {
        ClassroomSessions.Normalise(typed).ShouldBe(normal);
    }

    [Fact]
    public void AnUnknownCodeResolvesToNullNamingItAndAMalformedOneSaysWhatACodeLooksLike()
    {
        var unknown = Sessions.Resolve("zzz-zzz");
        var malformed = Sessions.Resolve("hello");
        var empty = Sessions.Resolve("  ");

        unknown.RunId.ShouldBeNull();
        unknown.Code.ShouldBe("ZZZ-ZZZ");
        unknown.Reason.ShouldBe("No live class run has the code ZZZ-ZZZ; codes end when the run ends.");
        malformed.RunId.ShouldBeNull();
        malformed.Reason.ShouldBe("'hello' is not a class code: a code has 6 letters and digits, such as K7M-Q2P (no 0, 1, I, L or O).");
        empty.Reason!.ShouldStartWith("Type the class code");
    }

    [Fact]
    public async Task ACodeEndsWithItsRunAndTheRunGetsNoNewOne()
    {
        var runId = await StartPausedRunAsync();
        var code = OpenOk(Sessions, runId).Code;

        (await Host.StopAsync(runId, Ct)).IsOk.ShouldBeTrue();
        var lookup = Sessions.Resolve(code);
        var reopened = Sessions.Open(runId);

        lookup.RunId.ShouldBeNull();
        lookup.Reason.ShouldBe($"No live class run has the code {code}; codes end when the run ends. Run {runId} had it and is over.");
        Sessions.OpenCount.ShouldBe(0);
        Sessions.Resolve(code).Reason.ShouldBe(ClassroomSessions.NoLiveRun(code));
        reopened.Status.ShouldBe(StoreStatus.Conflict);
        reopened.Message.ShouldBe($"Run {runId} is not live: only a live run can be followed by a class.");
        Sessions.Open(4242).Status.ShouldBe(StoreStatus.Conflict);
    }

    [Fact]
    public async Task OpenCodesAreCappedWithAClearErrorAndEndedRunsFreeTheirPlace()
    {
        var capped = new ClassroomSessions(Host, maxOpen: 2);
        var first = await StartPausedRunAsync(seed: 1);
        var second = await StartPausedRunAsync(seed: 2);
        var third = await StartPausedRunAsync(seed: 3);
        OpenOk(capped, first);
        var kept = OpenOk(capped, second).Code;

        var refused = capped.Open(third);
        (await Host.StopAsync(first, Ct)).IsOk.ShouldBeTrue();
        var afterwards = capped.Open(third);

        refused.Status.ShouldBe(StoreStatus.Conflict);
        refused.Message.ShouldBe("2 class codes are open, the most this studio keeps at once; a code closes when its run ends, so stop a shared run first.");
        afterwards.IsOk.ShouldBeTrue(afterwards.Message);
        capped.OpenCount.ShouldBe(2);
        capped.Resolve(kept).RunId.ShouldBe(second);
        Should.Throw<ArgumentOutOfRangeException>(() => new ClassroomSessions(Host, maxOpen: 0));
    }
}
