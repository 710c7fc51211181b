using BenchmarkDotNet.Running;
using RoCoIn.Benchmarks;

// "gap" and "sim": the measured harnesses of docs/benchmarks.md; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args.Length > 0 && args[0] == "gap")
{
    GapHarness.Run(Console.Out, args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "sim")
{
    SimHarness.Run(Console.Out, args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PlannerBenchmarks).Assembly).Run(args);
