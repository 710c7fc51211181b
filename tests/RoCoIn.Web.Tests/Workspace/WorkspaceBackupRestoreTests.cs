using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoCoIn.Web.Tests.Workspace;

public class WorkspaceBackupRestoreTests : WorkspaceTestBase
{
    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The backup's database, unpacked to a temporary file and read whole.</summary>
    private static IReadOnlyList<string> DatabaseIn(byte[] backup)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rocoin-backup-test-{Guid.NewGuid():N}.db");
        using (var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read))
            File.WriteAllBytes(path, Read(zip.GetEntry("rocoin.db")!));
        try
        {
            return WorkspaceSnapshot.Database(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A copy of <paramref name="backup"/> changed by <paramref name="change"/>.</summary>
    private static byte[] Changed(byte[] backup, Action<ZipArchive> change)
    {
        var copy = new MemoryStream();
        copy.Write(backup);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
            change(zip);
        return copy.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, byte[] content)
    {
        zip.GetEntry(name)!.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    /// <summary>Rewrites backup.json through <paramref name="edit"/>.</summary>
    private static void EditManifest(ZipArchive zip, Action<JsonObject> edit)
    {
        var manifest = JsonNode.Parse(Read(zip.GetEntry("backup.json")!))!.AsObject();
        edit(manifest);
        Replace(zip, "backup.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    [Fact]
    public async Task ARestoreBringsBackTheDatabaseAndTheModelFilesOfTheBackup()
    {
        var (_, runId, _) = await StartAsync(ShortRun(await DemoPlanIdAsync()));
        await WaitForStatusAsync(runId, "finished");
        var demo = await DemoModelSetAsync();
        var models = WorkspaceSnapshot.Files(ModelsFolder);

        var backup = await DownloadBackupAsync();

        using (var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read))
        {
            var manifest = JsonDocument.Parse(Read(zip.GetEntry("backup.json")!)).RootElement;
            manifest.GetProperty("format").GetString().ShouldBe("rocoin-backup");
            manifest.GetProperty("version").GetInt32().ShouldBe(1);
            var files = manifest.GetProperty("files").EnumerateArray().ToList();
            files.Select(f => f.GetProperty("path").GetString()).ShouldBe(["rocoin.db", .. models.Keys.Select(k => $"models/{k}")]);
            foreach (var file in files)
            {
                var content = Read(zip.GetEntry(file.GetProperty("path").GetString()!)!);
                file.GetProperty("bytes").GetInt64().ShouldBe(content.Length);
                file.GetProperty("sha256").GetString().ShouldBe(Sha256(content));
            }
        }
        var saved = DatabaseIn(backup);
        saved.Count(row => row.StartsWith("Runs: ", StringComparison.Ordinal)).ShouldBe(1);

        // Change things: a device added, the run deleted, the model set deleted with its files, a stray model file.
        var device = await CreateDeviceAsync("added-after-the-backup");
        (await Client.DeleteAsync($"/api/runs/{runId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.DeleteAsync($"/api/model-sets/{demo.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        WorkspaceSnapshot.WriteModelFile(Factory.DataPath, [42]);
        WorkspaceSnapshot.Files(ModelsFolder).ShouldNotBe(models);

        // As a form upload, the way a browser or curl -F sends a file.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(backup), "file", "backup.zip" } };
        using var response = await Client.PostAsync("/api/workspace/restore", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var restored = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        restored.GetProperty("files").GetInt32().ShouldBe(1 + models.Count);
        WorkspaceSnapshot.Database(DatabasePath).ShouldBe(saved);
        WorkspaceSnapshot.Files(ModelsFolder).ShouldBe(models);
        (await Client.GetAsync($"/api/devices/{device}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetRunAsync(runId)).GetProperty("status").GetString().ShouldBe("finished");
        (await Client.GetAsync($"/api/model-sets/{demo.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.Exists(Path.Combine(Factory.DataPath, ".workspace")).ShouldBeFalse();

        // Ids handed out before the restore are not handed out again.
        (await CreateDeviceAsync("added-after-the-restore")).ShouldBeGreaterThan(device);
    }

    public static TheoryData<string> BadBackups => ["tampered model file", "unknown version", "no manifest", "not a zip", "not a database"];

    [Theory]
    [MemberData(nameof(BadBackups))]
    public async Task ABadBackupIsRefusedNamingTheFileAndChangesNothing(string kind)
    {
        var backup = await DownloadBackupAsync();
        var model = WorkspaceSnapshot.Files(ModelsFolder).Keys.First();
        await CreateDeviceAsync("added-after-the-backup");
        var database = WorkspaceSnapshot.Database(DatabasePath);
        var models = WorkspaceSnapshot.Files(ModelsFolder);
        var (bad, field, message) = kind switch
        {
            "tampered model file" => (Changed(backup, zip =>
            {
                var content = Read(zip.GetEntry($"models/{model}")!);
                content[^1] ^= 0xFF;
                Replace(zip, $"models/{model}", content);
            }), $"models/{model}", "the file was changed or damaged"),
            "unknown version" => (Changed(backup, zip => EditManifest(zip, m => m["version"] = 2)), "backup.json", "says version 2"),
            "no manifest" => (Changed(backup, zip => zip.GetEntry("backup.json")!.Delete()), "backup.json", "holds no backup.json"),
            "not a zip" => (Encoding.UTF8.GetBytes("a shopping list, not a backup"), "file", "not a zip file"),
            _ => (Changed(backup, zip =>
            {
                var garbage = Encoding.UTF8.GetBytes("not a SQLite database, but its hash is right");
                Replace(zip, "rocoin.db", garbage);
                EditManifest(zip, m =>
                {
                    var entry = m["files"]!.AsArray().Single(f => (string?)f!["path"] == "rocoin.db")!;
                    entry["bytes"] = garbage.Length;
                    entry["sha256"] = Sha256(garbage);
                });
            }), "rocoin.db", "rocoin.db"),
        };

        using var response = await RestoreAsync(bad);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        var errors = await ErrorsOfAsync(response);
        errors.ShouldContainKey(field);
        errors[field].ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
        WorkspaceSnapshot.Database(DatabasePath).ShouldBe(database);
        WorkspaceSnapshot.Files(ModelsFolder).ShouldBe(models);
        Directory.Exists(Path.Combine(Factory.DataPath, ".workspace")).ShouldBeFalse();
    }

    [Fact]
    public async Task ARestoreIsRefusedWhileARunIsLive()
    {
        var backup = await DownloadBackupAsync();
        var (_, runId, _) = await StartAsync(SlowRun(await DemoPlanIdAsync(), startPaused: true));
        await WaitForStatusAsync(runId, "paused");
        var database = WorkspaceSnapshot.Database(DatabasePath);

        using var response = await RestoreAsync(backup);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(response)).ShouldContain($"Run {runId} is live.");
        WorkspaceSnapshot.Database(DatabasePath).ShouldBe(database);
        (await PostAsync($"/api/runs/{runId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForRunAsync(runId, r => r.GetProperty("status").GetString() != "paused", "an end");
    }
}
