using System.Diagnostics;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

public static class Probe
{
    public static void Run(string[] args)
    {
        var maxN = int.Parse(args[0]);
        for (var seed = 1; seed <= int.Parse(args[1]); seed++)
        {
            var n = 1 + (seed % maxN);
            var memory = seed % 3 == 0 ? 300_000 : 2_000_000;
            var devices = BenchFleets.Paper(n, seed, memory);
            foreach (var settings in new[] { new PlanSettings(), new PlanSettings { AccuracyFloor = 0.86 }, new PlanSettings { MinReliability = 0.99 } })
            {
                var request = BenchFleets.Request(devices, settings);
                var sw = Stopwatch.StartNew();
                var a = OldExact.Plan(request);
                var ta = sw.Elapsed.TotalSeconds; sw.Restart();
                var b = ExactPlanner.Plan(request);
                var tb = sw.Elapsed.TotalSeconds;
                var same = (a is null && b is null) || (a is not null && b is not null && a.Metrics.ObjectiveJ == b.Metrics.ObjectiveJ
                    && string.Join(";", a.Groups.Select(g => $"{string.Join(",", g.DeviceIds)}/{g.Width}/{g.StudentKey}")) == string.Join(";", b.Groups.Select(g => $"{string.Join(",", g.DeviceIds)}/{g.Width}/{g.StudentKey}")));
                Console.WriteLine($"seed {seed} N={n} floor={settings.AccuracyFloor} old {ta:0.000}s new {tb:0.000}s same={same} J={a?.Metrics.ObjectiveJ} {b?.Metrics.ObjectiveJ} {a?.Notes} {b?.Notes}");
            }
        }
    }
}
