extern alias agent;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Bundles;
using AgentExitCodes = agent::RoCoIn.Agent.AgentExitCodes;

namespace RoCoIn.Agent.Tests;

/// <summary>
/// An agent as on another machine: it reaches a studio over a network address with its device's name and token, for a
/// plan that studio imported from a bundle another studio wrote (so the plan's device ids are not this studio's).
/// </summary>
[Collection(StudioWithAgents.Name)]
public sealed class RemoteAgentTests(StudioFixture exporter, RemoteStudioFixture studio) : IClassFixture<RemoteStudioFixture>
{
    [Fact]
    public async Task An_agent_reaching_the_studio_over_the_network_joins_an_imported_plan_by_device_name_and_token()
    {
        var ct = TestContext.Current.CancellationToken;
        using var exporterHttp = new HttpClient { BaseAddress = new Uri(exporter.BaseUrl) };
        var bundle = await exporterHttp.GetByteArrayAsync(new Uri($"/api/plans/{exporter.DemoPlan.Id}/bundle", UriKind.Relative), ct);
        var manifests = DeviceManifests(bundle);
        manifests.Count.ShouldBeGreaterThan(1);

        // The operator imports the bundle on the studio's machine.
        using var operatorHttp = new HttpClient { BaseAddress = new Uri(studio.LoopbackUrl) };
        using var zip = new ByteArrayContent(bundle);
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var imported = await operatorHttp.PostAsync(new Uri("/api/bundles", UriKind.Relative), zip, ct);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync(ct));
        var planId = (await imported.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("planId").GetInt32();

        // An import brings no devices, so the plan cannot be given to them yet: the refusal (409) names the device, its group and the plan.
        var assign = new Uri("/api/agents/assignments", UriKind.Relative);
        using (var missing = await operatorHttp.PostAsJsonAsync(assign, new PlanAssignmentRequest(planId, null), ct))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.Conflict, await missing.Content.ReadAsStringAsync(ct));
            (await missing.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(
                $"Plan '{exporter.DemoPlan.Name}' (id {planId}) puts device '{manifests[0].Device}' in group {manifests[0].Group.Number}, but this studio has no device of that name");
        }
        // A plan that does not exist is 404; a body without a plan is 400 naming planId.
        using (var unknown = await operatorHttp.PostAsJsonAsync(assign, new PlanAssignmentRequest(planId + 1000, null), ct))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, await unknown.Content.ReadAsStringAsync(ct));
            (await unknown.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString().ShouldBe($"Plan {planId + 1000} does not exist.");
        }
        using (var bad = await operatorHttp.PostAsJsonAsync(assign, new { modelSetId = 1 }, ct))
        {
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync(ct));
            (await bad.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors").TryGetProperty("planId", out _).ShouldBeTrue();
        }

        // Devices of the manifests' names, added in reverse order: their ids here are not the exporter's.
        var devices = studio.Services.GetRequiredService<DeviceStore>();
        var idHere = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var manifest in Enumerable.Reverse(manifests))
            idHere[manifest.Device] = (await devices.CreateAsync(manifest.Profile, ct)).Value.ShouldNotBeNull().Id;
        var partitionHere = manifests.ToDictionary(m => idHere[m.Device], m => m.Group.Partition);
        // The device whose exporter id is, here, a device of another group: matching by id would give it the wrong student.
        var joining = manifests.FirstOrDefault(m => partitionHere.TryGetValue(m.Profile.Id, out var other) && other != m.Group.Partition)
            .ShouldNotBeNull("some device's exporter id should be another group's device here");
        var deviceId = idHere[joining.Device];

        // Assigning answers callers on the studio's machine (or signed-in editors): over the network address, anonymous, it is 403 and assigns nothing.
        using var remoteHttp = new HttpClient { BaseAddress = new Uri(studio.RemoteUrl) };
        using (var forbidden = await remoteHttp.PostAsJsonAsync(assign, new PlanAssignmentRequest(planId, null), ct))
            forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await forbidden.Content.ReadAsStringAsync(ct));
        manifests.ShouldAllBe(m => studio.Registry.AssignmentOf(idHere[m.Device]) == null);

        using var assigned = await operatorHttp.PostAsJsonAsync(assign, new PlanAssignmentRequest(planId, null), ct);

        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync(ct));
        var answer = await assigned.Content.ReadFromJsonAsync<JsonElement>(ct);
        answer.GetProperty("planId").GetInt32().ShouldBe(planId);
        answer.GetProperty("modelSetId").GetInt32().ShouldBeGreaterThan(0);
        var listed = answer.GetProperty("devices").EnumerateArray()
            .ToDictionary(d => d.GetProperty("deviceName").GetString()!, StringComparer.Ordinal);
        listed.Count.ShouldBe(manifests.Count);
        foreach (var manifest in manifests)
        {
            var device = listed[manifest.Device];
            device.GetProperty("deviceId").GetInt32().ShouldBe(idHere[manifest.Device], manifest.Device);
            device.GetProperty("group").GetInt32().ShouldBe(manifest.Group.Number, manifest.Device);
            device.GetProperty("width").GetInt32().ShouldBe(manifest.Student.Width, manifest.Device);
            device.GetProperty("modelHash").GetString().ShouldBe(manifest.Model.Sha256, manifest.Device);
            studio.Registry.AssignmentOf(idHere[manifest.Device]).ShouldNotBeNull().ModelHash.ShouldBe(manifest.Model.Sha256, manifest.Device);
        }

        // The operator issues the token on the studio's machine; the same request over the network is refused.
        using var issued = await operatorHttp.PostAsJsonAsync(new Uri("/api/agents/tokens", UriKind.Relative), new AgentTokenRequest(deviceId, "remote board"), ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync(ct));
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString().ShouldNotBeNull();
        using var refused = await remoteHttp.PostAsJsonAsync(new Uri("/api/agents/tokens", UriKind.Relative), new AgentTokenRequest(deviceId, null), ct);
        refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);

        // The manifest's command with its placeholders filled in: the network address and the token.
        var command = joining.Agent.Command.Replace(BundleFormat.StudioUrlPlaceholder, studio.RemoteUrl, StringComparison.Ordinal)
            .Replace(BundleFormat.TokenPlaceholder, token, StringComparison.Ordinal).Split(' ');
        command[0].ShouldBe("RoCoIn.Agent");
        await using var remote = AgentProcess.Start(exporter.AgentDll, [.. command[1..], "--benchmark-seconds", "0.1"], token: null);

        var ready = await studio.WaitForStateAsync(deviceId, AgentState.Ready, TimeSpan.FromSeconds(60), remote);

        ready.DeviceName.ShouldBe(joining.Device);
        ready.ProcessId.ShouldBe(remote.Id);
        ready.ModelHash.ShouldBe(joining.Model.Sha256);
        var current = await operatorHttp.GetFromJsonAsync<JsonElement>(assign, ct);
        var mine = current.EnumerateArray().Single(d => d.GetProperty("deviceId").GetInt32() == deviceId);
        mine.GetProperty("modelHash").GetString().ShouldBe(joining.Model.Sha256);
        mine.GetProperty("agentState").GetString().ShouldBe("ready");
        current.GetArrayLength().ShouldBe(manifests.Count);
        var features = await studio.Registry.InferAsync(deviceId, 1, AgentLifecycleTests.TestImages().Image(0).ToArray(), ct);
        features.Length.ShouldBe(joining.Student.Width);

        // A wrong token over the same address is refused, and the agent serving the device keeps serving it.
        await using var intruder = AgentProcess.Start(exporter.AgentDll,
            ["--studio", studio.RemoteUrl, "--device", joining.Device, "--token", token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")],
            token: null);
        (await intruder.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(AgentExitCodes.Unauthorized, intruder.Log);
        intruder.Log.ShouldContain("Refused by the studio (invalid-token)");
        var after = studio.Registry.Find(deviceId).ShouldNotBeNull();
        after.State.ShouldBe(AgentState.Ready);
        after.ProcessId.ShouldBe(remote.Id);
        (await studio.Registry.InferAsync(deviceId, 2, AgentLifecycleTests.TestImages().Image(1).ToArray(), ct)).Length.ShouldBe(joining.Student.Width);
    }

    /// <summary>The bundle's devices/&lt;name&gt;.json files, by group.</summary>
    private static List<DeviceManifest> DeviceManifests(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith(BundleFormat.DevicesFolder, StringComparison.Ordinal))
            .Select(e =>
            {
                using var json = e.Open();
                return JsonSerializer.Deserialize<DeviceManifest>(json, BundleFormat.Json).ShouldNotBeNull();
            })
            .OrderBy(m => m.Group.Partition).ThenBy(m => m.Device, StringComparer.Ordinal)
            .ToList();
    }
}
