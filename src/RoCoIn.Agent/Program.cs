using System.Runtime.InteropServices;
using RoCoIn.Agent;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.Out.WriteLine(AgentOptions.Usage);
    Console.Out.WriteLine(AgentExitCodes.Description);
    return AgentExitCodes.Stopped;
}
var (options, error) = AgentOptions.Parse(args, Environment.GetEnvironmentVariable);
if (options is null)
{
    Console.Error.WriteLine($"RoCoIn.Agent: {error}");
    Console.Error.WriteLine(AgentOptions.Usage);
    return AgentExitCodes.Usage;
}

var log = new AgentLog(Console.Error, options.Device, TimeProvider.System);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

if (options.Token is null)
    log.Warn($"No token given (--token or {AgentOptions.TokenVariable}); the studio will refuse the agent.");
log.Info($"RoCoIn.Agent {AgentRunner.Version} (protocol {options.ProtocolVersion}) connecting to {options.HubUri}.");
try
{
    await using var runner = new AgentRunner(options, log);
    var code = await runner.RunAsync(stop.Token);
    log.Info($"Exiting with code {code}.");
    return code;
}
#pragma warning disable CA1031 // The last line of the log must say why the agent failed.
catch (Exception ex)
#pragma warning restore CA1031
{
    log.Error($"Failed: {ex}");
    log.Info($"Exiting with code {AgentExitCodes.Failed}.");
    return AgentExitCodes.Failed;
}
