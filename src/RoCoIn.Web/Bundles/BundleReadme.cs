using System.Globalization;
using System.Text;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Units;

namespace RoCoIn.Web.Bundles;

/// <summary>The bundle's README.md: for the people who install the devices, what the bundle holds and, per device, what to run.</summary>
internal static class BundleReadme
{
    public static string Write(BundleSource source, IReadOnlyList<(string Path, DeviceManifest Manifest)> devices, DateTimeOffset created)
    {
        var plan = source.Plan;
        var set = source.ModelSet;
        var groups = source.Grouping.Groups.Count;
        var text = new StringBuilder();
        void Add(FormattableString block) => text.Append(block.ToString(CultureInfo.InvariantCulture).ReplaceLineEndings("\n")).Append("\n\n");

        Add($"""
            # Deployment bundle: {plan.Name}

            Written by RoCoIn Studio {BundleFormat.StudioVersion} on {created.UtcDateTime:yyyy-MM-dd HH:mm} UTC. It deploys plan
            "{plan.Name}" (fleet "{plan.FleetName}"): {devices.Count} devices in {groups} groups, every device of a group running the
            group's student, with the students of model set "{set.Name}".

            ## What the bundle holds

            - `{BundleFormat.ManifestPath}`: format "{BundleFormat.Name}" version {BundleFormat.Version}; the plan (settings, device
              snapshot, groups, predicted metrics), the model set (students, aggregator, measured accuracy), and the SHA-256 and size
              of every other file.
            - `{BundleFormat.DevicesFolder}<device>.json`: one manifest per device: its profile, its group, its student and model, and
              the command that starts its agent.
            - `{BundleFormat.ModelsFolder}<sha256>.onnx`: the {groups} students and the aggregator, named after their SHA-256. The
              aggregator runs in the studio, not on a device.
            - `{BundleFormat.ReadmePath}`: this file.

            Import the whole zip into the studio the devices will join: **Import bundle** on its Plans page, or
            `curl -F file=@bundle.zip {BundleFormat.StudioUrlPlaceholder}/api/bundles`. The import checks every hash and recreates the
            plan and the model set; the studio then serves each device its student.

            ## Before you start

            1. **Publish the agent** for the devices' architecture from a checkout of RoCoIn Studio. The agent is framework-dependent,
               so a device needs the .NET 10 runtime; ONNX Runtime's native library comes with it:

               ```bash
               dotnet publish src/RoCoIn.Agent -c Release -r linux-arm64 -o publish/agent-linux-arm64   # Raspberry Pi, Jetson
               dotnet publish src/RoCoIn.Agent -c Release -r linux-x64   -o publish/agent-linux-x64     # x64 boards and PCs
               ```

               Copy the published folder to each device; the commands below run in that folder (`./RoCoIn.Agent` there).
            2. **Make sure the studio knows each device by name.** An agent names its device with `--device`, and the studio refuses a
               name it does not have: add missing devices on the studio's Devices page with the profile in their manifest.
            3. **Issue a token per device** on the studio's Agents page: *Tokens for remote agents*, choose the device, **Issue token**.
               The token is shown once; copy it to the device. On the studio's own machine the API does the same:
               `POST /api/agents/tokens` with `{"{"}"deviceId": N{"}"}`.

            In every command, replace:
            """);
        foreach (var (placeholder, meaning) in DeviceManifestAgent.PlaceholderMeanings)
            text.Append("- `").Append(placeholder).Append("`: ").Append(meaning).Append('\n');
        text.Append('\n');
        Add($"""
            You do not copy a model to the device: when a run assigns the device its student, the agent downloads it from the studio
            and checks its SHA-256 (the hash in the device's manifest).

            ## Devices
            """);

        foreach (var group in devices.GroupBy(d => d.Manifest.Group.Number))
        {
            var first = group.First().Manifest;
            var student = first.Student;
            var members = first.Group.Members.Count;
            Add($"""
                ### Group {group.Key} (partition {first.Group.Partition}): {ModelCatalogue.FindStudent(student.Key)?.DisplayName ?? student.Key}, d = {student.Width}

                Student `{student.Key}`: {SiFormat.FlopCount(student.Flops)} per inference, {student.Parameters:N0} parameters,
                {SiFormat.Bytes(student.MemoryBytes)} of memory; model `{first.Model.File}` ({SiFormat.Bytes(first.Model.SizeBytes)}).
                The group answers when any of its {members} device{(members == 1 ? "" : "s")} answers.
                """);
            foreach (var (path, manifest) in group)
            {
                var profile = manifest.Profile;
                Add($"""
                    **{manifest.Device}** ({profile.HardwareClass}; {SiFormat.Flops(profile.ComputeFlopsPerSecond)},
                    {SiFormat.Bytes(profile.MemoryBytes)} for the model), manifest `{path}`:

                    ```bash
                    {manifest.Agent.Command}
                    ```
                    """);
            }
        }

        Add($"""
            ## Checking

            On the studio's Agents page every device whose agent has connected shows up with its state, its model and its measured
            throughput beside its profile. Agent exit codes: 2 bad command line, 3 refused token, 4 protocol version refused,
            5 unknown device.
            """);
        return text.ToString().TrimEnd('\n') + "\n";
    }
}
