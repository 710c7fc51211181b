using System.Runtime.InteropServices;
using RoCoIn.Distillation;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return DistillationProgram.Run(args, Console.Out, Console.Error, cancellation.Token);
