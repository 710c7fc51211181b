using System.Net.Http.Json;
using System.Text.Json;

namespace RoCoIn.Web.Tests.Workspace;

public class WorkspaceUsageApiTests : WorkspaceTestBase
{
    private async Task<JsonElement> UsageAsync() => await Client.GetFromJsonAsync<JsonElement>("/api/workspace", Ct);

    private static JsonElement Part(JsonElement usage, string key) =>
        usage.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    [Fact]
    public async Task FiguresAreTheSizesOfTheFilesOnDisk()
    {
        var (_, runId, _) = await StartAsync(ShortRun(await DemoPlanIdAsync()));
        await WaitForStatusAsync(runId, "finished");
        var stray = WorkspaceSnapshot.WriteModelFile(Factory.DataPath, new byte[1234]);
        var output = WorkspaceSnapshot.WriteFile(Factory.DataPath, "distillation/job-5/result.json", "{\"done\": true}");

        // The run's job is still written a moment after the run ends, so the database files may grow while they are
        // measured: the figure lies between the sizes read just before and just after.
        var (fileBefore, walBefore) = (SizeOf(DatabasePath), SizeOf(DatabasePath + "-wal"));
        var usage = await UsageAsync();
        var (fileAfter, walAfter) = (SizeOf(DatabasePath), SizeOf(DatabasePath + "-wal"));

        var database = usage.GetProperty("database");
        database.GetProperty("path").GetString().ShouldBe(DatabasePath);
        database.GetProperty("fileBytes").GetInt64().ShouldBeInRange(Math.Min(fileBefore, fileAfter), Math.Max(fileBefore, fileAfter));
        database.GetProperty("walBytes").GetInt64().ShouldBeInRange(Math.Min(walBefore, walAfter), Math.Max(walBefore, walAfter));
        database.GetProperty("shmBytes").GetInt64().ShouldBe(SizeOf(DatabasePath + "-shm"));
        Part(usage, "database").GetProperty("bytes").GetInt64().ShouldBe(
            database.GetProperty("fileBytes").GetInt64() + database.GetProperty("walBytes").GetInt64() + database.GetProperty("shmBytes").GetInt64());

        var modelFiles = Directory.GetFiles(ModelsFolder);
        var models = Part(usage, "models");
        models.GetProperty("files").GetInt32().ShouldBe(modelFiles.Length);
        models.GetProperty("bytes").GetInt64().ShouldBe(modelFiles.Sum(SizeOf));
        models.GetProperty("unreferencedFiles").GetInt32().ShouldBe(1);
        models.GetProperty("unreferencedBytes").GetInt64().ShouldBe(1234);
        Part(usage, "distillationOutputs").GetProperty("bytes").GetInt64().ShouldBe(SizeOf(output));
        Part(usage, "teachers").GetProperty("files").GetInt32().ShouldBe(0);   // the demo teacher ships with the assets
        usage.GetProperty("unreferencedBytes").GetInt64().ShouldBe(1234 + SizeOf(output));
        usage.GetProperty("totalBytes").GetInt64().ShouldBe(usage.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("bytes").GetInt64()));
        File.Exists(Path.Combine(ModelsFolder, $"{stray}.onnx")).ShouldBeTrue();

        var seconds = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/seconds", Ct);
        usage.GetProperty("runs").GetInt64().ShouldBe(1);
        usage.GetProperty("storedRunSeconds").GetInt64().ShouldBe(seconds.GetArrayLength());
        usage.GetProperty("storedRunSeconds").GetInt64().ShouldBeGreaterThan(0);
    }
}
