using RoCoIn.Engine.Devices;

namespace RoCoIn.Engine.Tests;

public class EnginePurityTests
{
    [Fact]
    public void EngineReferencesNoWebDataOrUiAssembly()
    {
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "MudBlazor", "Plotly", "Microsoft.Data.Sqlite"];

        var references = typeof(DeviceProfile).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldNotBeEmpty();
        references.Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))).ShouldBeEmpty();
    }
}
