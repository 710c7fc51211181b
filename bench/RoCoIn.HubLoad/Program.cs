using System.Globalization;
using RoCoIn.HubLoad;

// dotnet run -c Release --project bench/RoCoIn.HubLoad -- --url http://127.0.0.1:5099 --server-pid <pid> --clients 20
var options = HubLoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(HubLoadOptions.Usage);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var result = await new HubLoadRun(options, Console.Error).RunAsync(cancel.Token);
Console.WriteLine(result.ToMarkdownRow());
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"server CPU {result.ServerCpuSeconds:0.00} s over {result.WallSeconds:0.0} s wall = {result.ServerCpuPercent:0.0} % of one core"));
return 0;
