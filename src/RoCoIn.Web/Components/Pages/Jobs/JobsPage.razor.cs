using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Access;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Components.Pages.Jobs;

/// <summary>Every background job, newest first, kept live through <see cref="JobProgressNotifier"/>.</summary>
public sealed partial class JobsPage
{
    /// <summary>How many of the newest jobs the page shows.</summary>
    public const int MaxJobs = 500;

    private IReadOnlyList<JobRecord> _jobs = [];
    // Progress newer than the stored one (the store saves at most once a second), by job id.
    private readonly Dictionary<int, JobProgress> _live = [];
    private IDisposable? _subscription;
    private int _loadVersion;
    private bool _loaded;

    [Inject] private JobStore Store { get; set; } = default!;
    [Inject] private JobService Jobs { get; set; } = default!;
    [Inject] private JobProgressNotifier Notifier { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;

    private string Summary
    {
        get
        {
            var running = _jobs.Count(j => j.Status == JobStatus.Running);
            var queued = _jobs.Count(j => j.Status == JobStatus.Queued);
            return $"{running} running, {queued} queued";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // Subscribe first, so nothing that happens while the list loads is missed.
        _subscription = Notifier.Subscribe(OnJobUpdateAsync);
        await ReloadAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task ReloadAsync()
    {
        var version = ++_loadVersion;
        var jobs = await Store.ListAsync(0, MaxJobs);
        if (version != _loadVersion)
            return;   // a newer load started meanwhile
        _jobs = jobs;
        foreach (var id in _live.Keys.Where(id => !jobs.Any(j => j.Id == id && j.Status == JobStatus.Running)).ToList())
            _live.Remove(id);
        _loaded = true;
    }

    private Task OnJobUpdateAsync(JobUpdate update) => InvokeAsync(async () =>
    {
        try
        {
            if (update.IsStateChange || !_jobs.Any(j => j.Id == update.JobId))
            {
                _live.Remove(update.JobId);
                await ReloadAsync();
            }
            else
            {
                _live[update.JobId] = update.Progress;
            }
            StateHasChanged();
        }
#pragma warning disable CA1031 // Handed to the renderer, which shows the error UI.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private JobProgress ProgressOf(JobRecord job) =>
        _live.TryGetValue(job.Id, out var live) ? live : new JobProgress(Math.Clamp(job.Progress, 0, 1), job.ProgressMessage);

    private async Task CancelAsync(JobRecord job)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        var consequence = job.Status == JobStatus.Running
            ? "It stops as soon as its work notices; what it did so far is lost."
            : "It leaves the queue and will not run.";
        if (await Dialogs.ShowMessageBoxAsync("Cancel job", $"Cancel job {job.Id}, {job.Title}? {consequence}",
                yesText: "Cancel job", cancelText: "Keep it") != true)
            return;
        var result = await Jobs.CancelAsync(job.Id);
        if (!result.IsOk)
            Snackbar.Add(result.Message ?? "The job could not be cancelled.", Severity.Warning);
        else if (result.Value!.Status == JobStatus.Cancelled)
            Snackbar.Add($"Job {job.Id} cancelled.", Severity.Success);
        else
            Snackbar.Add($"Job {job.Id} is stopping.", Severity.Info);
        await ReloadAsync();
    }

    private static Color ColorOf(JobStatus status) => status switch
    {
        JobStatus.Queued => Color.Default,
        JobStatus.Running => Color.Info,
        JobStatus.Succeeded => Color.Success,
        JobStatus.Failed => Color.Error,
        JobStatus.Cancelled => Color.Dark,
        JobStatus.Interrupted => Color.Warning,
        _ => Color.Default,
    };

    private static string KindText(JobKind kind) => kind switch
    {
        JobKind.RealRun => "Real run",
        _ => kind.ToString(),
    };

    private static string PositionText(int position) =>
        position == 1 ? "Next in line" : $"#{position} in line ({position - 1} ahead)";

    private static string Percent(double fraction) =>
        Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture) + " %";

    private static string Time(DateTimeOffset? utc) =>
        utc?.UtcDateTime.ToString("MMM d, HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string? FullTime(DateTimeOffset? utc) => utc?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string ResultText(JobRecord job) => job.ResultKind switch
    {
        JobResultKinds.Plan => $"Plan {job.ResultId}",
        JobResultKinds.ModelSet => $"Model set {job.ResultId}",
        JobResultKinds.Run => $"Run {job.ResultId}",
        _ => $"{job.ResultKind} {job.ResultId}",
    };
}
