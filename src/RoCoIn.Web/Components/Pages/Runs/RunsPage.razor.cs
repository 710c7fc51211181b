using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Access;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Components.Pages.Runs;

/// <summary>
/// Every run, newest first, a page at a time; kept current through <see cref="RunUpdateNotifier"/>. Ended runs can be
/// picked for the compare page and deleted.
/// </summary>
public sealed partial class RunsPage
{
    /// <summary>Runs per page.</summary>
    public const int PageSize = 25;

    /// <summary>Most runs compared at once: one colour each from the Okabe–Ito palette.</summary>
    public const int MaxCompare = 8;

    private static readonly TimeSpan ProgressRefresh = TimeSpan.FromSeconds(1);

    private IReadOnlyList<RunListItem> _runs = [];
    private readonly List<int> _selected = [];
    // Simulated time of the live runs on the page, from their updates.
    private readonly Dictionary<int, (double NowSeconds, double EndSeconds)> _progress = [];
    private IDisposable? _subscription;
    private DateTime _lastProgressRender;
    private int _total;
    private int _page;
    private int _loadVersion;
    private bool _loaded;

    [Inject] private RunStore Runs { get; set; } = default!;
    [Inject] private RunHost Host { get; set; } = default!;
    [Inject] private RunUpdateNotifier Notifier { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The page to show, from 1 (the URL's ?page=).</summary>
    [SupplyParameterFromQuery(Name = "page")] public int? Page { get; set; }

    private int PageCount => Math.Max(1, (_total + PageSize - 1) / PageSize);

    protected override void OnInitialized()
    {
        // Subscribe first, so a run that ends while the list loads is not missed; a pre-rendered page, disposed at the
        // end of its request, does not subscribe.
        if (RendererInfo.IsInteractive)
            _subscription = Notifier.Subscribe(OnRunUpdateAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        _page = Math.Max(0, (Page ?? 1) - 1);
        await ReloadAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task ReloadAsync()
    {
        var version = ++_loadVersion;
        var total = await Runs.CountAsync();
        var lastPage = Math.Max(0, (total + PageSize - 1) / PageSize - 1);
        var page = Math.Min(_page, lastPage);
        var runs = await Runs.ListAsync(page * PageSize, PageSize);
        if (version != _loadVersion)
            return;   // a newer load started meanwhile
        (_total, _page, _runs) = (total, page, runs);
        foreach (var id in _progress.Keys.Where(id => !runs.Any(r => r.Id == id && r.Status.IsLive())).ToList())
            _progress.Remove(id);
        // Live runs show where they are at once, not only from their next update.
        foreach (var run in runs.Where(r => r.Status.IsLive() && !_progress.ContainsKey(r.Id)))
        {
            if (await Host.GetLiveAsync(run.Id) is { } live)
                _progress[run.Id] = (live.Snapshot.NowSeconds, live.EndSeconds);
        }
        _loaded = true;
    }

    private Task OnRunUpdateAsync(RunUpdate update)
    {
        if (!update.IsStateChange && !_runs.Any(r => r.Id == update.RunId))
            return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            try
            {
                if (update.Status.IsLive())
                    _progress[update.RunId] = (update.Snapshot.NowSeconds, update.EndSeconds);
                if (update.IsStateChange)
                {
                    await ReloadAsync();
                }
                else if (DateTime.UtcNow - _lastProgressRender < ProgressRefresh)
                {
                    return;
                }
                _lastProgressRender = DateTime.UtcNow;
                StateHasChanged();
            }
#pragma warning disable CA1031 // Handed to the renderer, which shows the error UI.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    // The stored status: a run's end is stored before it is announced, and its host lets go of it a moment later.
    private static bool IsLive(RunListItem run) => run.Status.IsLive();

    private void Toggle(RunListItem run, bool on)
    {
        if (!on)
        {
            _selected.Remove(run.Id);
            return;
        }
        if (_selected.Contains(run.Id) || IsLive(run))
            return;
        if (_selected.Count >= MaxCompare)
        {
            Snackbar.Add($"At most {MaxCompare} runs can be compared at once; clear one first.", Severity.Info);
            return;
        }
        _selected.Add(run.Id);
    }

    private void ClearSelection() => _selected.Clear();

    private void Compare() =>
        Navigation.NavigateTo($"/runs/compare?ids={string.Join(',', _selected.Select(id => id.ToString(CultureInfo.InvariantCulture)))}");

    private void GoToPage(int page) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("page", page <= 1 ? null : page));

    private async Task DeleteAsync(RunListItem run)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        if (IsLive(run))
        {
            Snackbar.Add($"Run {run.Id} is live; stop it before deleting it.", Severity.Warning);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete run",
            $"Delete run #{run.Id} ({run.PlanName}, seed {run.Seed}) with its per-second figures? This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var result = Host.IsLive(run.Id)
            ? StoreResult<int>.Conflict($"Run {run.Id} is live; stop it before deleting it.")
            : await Runs.DeleteAsync(run.Id);
        if (result.Status != StoreStatus.Ok)
        {
            Snackbar.Add(result.Message ?? $"Run {run.Id} could not be deleted.", Severity.Warning);
        }
        else
        {
            _selected.Remove(run.Id);
            Snackbar.Add($"Run #{run.Id} deleted.", Severity.Success);
        }
        await ReloadAsync();
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string SpeedText(RunListItem run) => run.SpeedFactor is { } factor
        ? $"real time ×{factor.ToString("0.##", CultureInfo.InvariantCulture)}"
        : run.Speed;

    /// <summary>"running", "finished", … as the API spells statuses.</summary>
    internal static string StatusName(RunStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    internal static Color StatusColour(RunStatus status) => status switch
    {
        RunStatus.Running => Color.Info,
        RunStatus.Paused or RunStatus.Queued => Color.Warning,
        RunStatus.Finished => Color.Success,
        RunStatus.Aborted or RunStatus.Stopped => Color.Secondary,
        _ => Color.Error,
    };
}
