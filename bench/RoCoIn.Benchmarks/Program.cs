using BenchmarkDotNet.Running;
using RoCoIn.Benchmarks;

if (args.Length > 0 && args[0] == "probe")
{
    Probe.Run(args.Skip(1).ToArray());
    return;
}
if (args.Length > 0 && args[0] == "gap")
{
    GapHarness.Run(Console.Out, args.Skip(1).ToArray());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PlannerBenchmarks).Assembly).Run(args);
