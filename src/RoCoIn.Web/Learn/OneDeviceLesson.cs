using System.Globalization;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Learn;

/// <summary>The teacher on one stored device: does it fit M_n, and how long one request takes (rocoin-model.md §2, §3).</summary>
/// <param name="Device">The device.</param>
/// <param name="TeacherFits">m_teacher ≤ M_n.</param>
/// <param name="TeacherSeconds">t = 2ℓ + D_in/r↓ + c_teacher/f + b·C/r↑, the teacher returning its C class scores.</param>
/// <param name="TeacherInTime">t ≤ τ.</param>
public sealed record DeviceFit(DeviceProfile Device, bool TeacherFits, double TeacherSeconds, bool TeacherInTime);

/// <summary>A catalogue student at width d on the chosen device.</summary>
/// <param name="Student">The architecture.</param>
/// <param name="Cost">Its parameters, FLOPs and memory at width d.</param>
/// <param name="Fits">m_k ≤ M_n.</param>
/// <param name="Seconds">t_nk on the device.</param>
/// <param name="InTime">t_nk ≤ τ − δ: its reply can still count.</param>
public sealed record StudentFit(StudentArchitecture Student, ArchitectureCost Cost, bool Fits, double Seconds, bool InTime);

/// <summary>Lesson "one-device": the teacher against every stored device, and smaller students on the chosen one.</summary>
public sealed record OneDeviceView(
    TeacherSpec Teacher,
    ArchitectureCost TeacherCost,
    PlanSettings Settings,
    RequestCosts Costs,
    IReadOnlyList<DeviceFit> Devices,
    DeviceFit Selected,
    int Width,
    IReadOnlyList<StudentFit> Students,
    string TryHref) : ILessonView
{
    public string TryText => "Plan a fleet with this device";

    /// <summary>τ of the default plan settings.</summary>
    public double DeadlineSeconds => Settings.DeadlineSeconds;

    /// <summary>δ = c_agg / f_s.</summary>
    public double AggregatorSeconds => Costs.AggregatorSeconds;
}

public static class OneDeviceLesson
{
    /// <summary>The view for the stored <paramref name="devices"/>; null when there are none.</summary>
    /// <param name="devices">Every stored device.</param>
    /// <param name="fleets">Stored fleets, to open the new-plan page on one that holds the chosen device.</param>
    /// <param name="query">"device" (a stored device id) and "d" (1..F).</param>
    public static OneDeviceView? Build(IReadOnlyList<DeviceProfile> devices, IReadOnlyList<Fleet> fleets, LessonQuery query)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(fleets);
        ArgumentNullException.ThrowIfNull(query);
        if (devices.Count == 0)
            return null;

        var teacher = ModelCatalogue.DefaultTeacher;
        var teacherCost = teacher.Architecture.Cost();
        var settings = new PlanSettings();
        var costs = RequestCosts.FashionMnist(ModelCatalogue.Aggregator(teacher).Cost().Flops, settings.RequesterFlopsPerSecond);
        var rows = devices.OrderBy(d => d.Id).Select(d =>
        {
            // Alone, the teacher sends back its class scores, not features for an aggregator.
            var seconds = LatencyModel.MemberSeconds(d, teacherCost.Flops, teacher.Classes, costs);
            return new DeviceFit(d, teacherCost.MemoryBytes <= d.MemoryBytes, seconds, seconds <= settings.DeadlineSeconds);
        }).ToList();

        // Default: the device with the least memory (ties: lowest id), where the teacher's size matters most.
        var fallback = rows.OrderBy(r => r.Device.MemoryBytes).ThenBy(r => r.Device.Id).First();
        var selected = fallback;
        if (query.Has(LessonQuery.Device))
        {
            var id = query.Raw(LessonQuery.Device);
            var match = int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var deviceId)
                ? rows.FirstOrDefault(r => r.Device.Id == deviceId)
                : null;
            if (match is null)
                query.Reject(LessonQuery.Device, $"the device must be the id of a stored device ({LessonQuery.List(rows.Select(r => r.Device.Id))})",
                    $"device {fallback.Device.Id} ({fallback.Device.Name})");
            else
                selected = match;
        }

        var f = teacher.FeatureChannels;
        var defaultWidth = Math.Max(1, f / 4);
        var width = (int)query.WholeNumber(LessonQuery.Width, 1, f, defaultWidth, $"the partition width d (at most F = {f})", $"d = {defaultWidth}");
        var device = selected.Device;
        var usable = settings.DeadlineSeconds - costs.AggregatorSeconds;
        var students = ModelCatalogue.Students.Select(s =>
        {
            var cost = s.CostFor(width, teacher);
            var seconds = LatencyModel.MemberSeconds(device, cost.Flops, width, costs);
            return new StudentFit(s, cost, cost.MemoryBytes <= device.MemoryBytes, seconds, seconds <= usable);
        }).ToList();

        var fleet = fleets.OrderBy(x => x.Id).FirstOrDefault(x => x.DeviceIds.Contains(device.Id));
        var tryHref = fleet is null ? "/plans/new" : $"/plans/new?fleet={fleet.Id.ToString(CultureInfo.InvariantCulture)}";
        return new OneDeviceView(teacher, teacherCost, settings, costs, rows, selected, width, students, tryHref);
    }
}
