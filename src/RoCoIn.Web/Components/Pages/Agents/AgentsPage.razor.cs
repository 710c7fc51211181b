using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Access;
using RoCoIn.Web.Agents;

namespace RoCoIn.Web.Components.Pages.Agents;

/// <summary>
/// Connected agents and the local fleet, kept live through <see cref="AgentNotifier"/> (and a one-second tick for
/// heartbeat ages). Process controls inject real failures: kill = crash, hang = SIGSTOP, resume = SIGCONT.
/// </summary>
public sealed partial class AgentsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<PlanSummary> _plans = [];
    private IReadOnlyList<ModelSetSummary> _sets = [];
    private List<AgentRow> _rows = [];
    private IDisposable? _subscription;
    private int? _planId;
    private int? _modelSetId;
    private bool _emulate;
    private bool _busy;
    private bool _loaded;

    [Inject] private AgentRegistry Registry { get; set; } = default!;
    [Inject] private LocalFleet Fleet { get; set; } = default!;
    [Inject] private AgentNotifier Notifier { get; set; } = default!;
    [Inject] private PlanStore Plans { get; set; } = default!;
    [Inject] private ModelSetStore ModelSets { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    /// <summary>The plan to preselect (<c>/agents?plan=3</c>); by default the newest feasible plan with a model set.</summary>
    [SupplyParameterFromQuery(Name = "plan")] public int? PlanQuery { get; set; }

    /// <summary>One device's row: its agent as the hub sees it, and its local process if the local fleet runs it.</summary>
    private sealed record AgentRow(int DeviceId, string DeviceName, AgentSnapshot? Agent, LocalAgentInfo? Local)
    {
        public AgentState State => Agent?.State ?? AgentState.Down;
    }

    private string Summary
    {
        get
        {
            var connected = _rows.Count(r => r.Agent?.IsConnected == true);
            var ready = _rows.Count(r => r.State == AgentState.Ready);
            return string.Create(CultureInfo.InvariantCulture, $"{connected} connected, {ready} ready");
        }
    }

    /// <summary>
    /// The plan the page and its panels start on: the one asked for, else the first feasible plan with students to run,
    /// else the first feasible plan.
    /// </summary>
    internal static PlanSummary? DefaultPlan(IEnumerable<PlanSummary> plans, IReadOnlyList<ModelSetSummary> sets, int? preferred)
    {
        var feasible = plans.Where(p => p.Feasible).ToList();
        return feasible.FirstOrDefault(p => p.Id == preferred)
            ?? feasible.FirstOrDefault(p => p.BasedOnModelSetId is not null || sets.Any(s => s.PlanId == p.Id))
            ?? feasible.FirstOrDefault();
    }

    private string? SelectedPlanName => _plans.FirstOrDefault(p => p.Id == _planId)?.Name;

    protected override async Task OnInitializedAsync()
    {
        // Subscribe first, so nothing that happens while the lists load is missed.
        _subscription = Notifier.Subscribe(_ => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }));
        _plans = await Plans.ListAsync();
        _sets = await ModelSets.ListAsync();
        OnPlanChanged(DefaultPlan(_plans, _sets, PlanQuery)?.Id);
        Refresh();
        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _ = TickAsync(_disposed.Token);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void OnPlanChanged(int? planId)
    {
        _planId = planId;
        var plan = _plans.FirstOrDefault(p => p.Id == planId);
        _modelSetId = plan?.BasedOnModelSetId ?? _sets.FirstOrDefault(s => s.PlanId == planId)?.Id;
    }

    private void Refresh()
    {
        var agents = Registry.List().ToDictionary(a => a.DeviceId);
        var locals = Fleet.Agents.ToDictionary(a => a.DeviceId);
        _rows = agents.Keys.Union(locals.Keys)
            .Select(id => new AgentRow(id, agents.GetValueOrDefault(id)?.DeviceName ?? locals[id].DeviceName, agents.GetValueOrDefault(id), locals.GetValueOrDefault(id)))
            .OrderBy(r => r.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // Heartbeat ages move every second even when nothing else happens.
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Heartbeats are not notified (one per agent per second), so the rows are re-read here.
                if (_rows.Count > 0)
                {
                    await InvokeAsync(() =>
                    {
                        Refresh();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed
        }
    }

    private async Task StartFleetAsync()
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        if (_planId is not { } planId)
            return;
        await RunAsync(null, async ct =>
        {
            var started = await Fleet.StartFleetAsync(planId, _modelSetId, _emulate, ct);
            if (!started.Started)
                throw new InvalidOperationException(started.Error);
            Snackbar.Add(string.Create(CultureInfo.InvariantCulture, $"Started {started.Agents} local agents."), Severity.Success);
            foreach (var note in started.Notes)
                Snackbar.Add(note, Severity.Info);
        });
    }

    private Task StopFleetAsync() => RunAsync("Stopped the local fleet.", ct => Fleet.StopFleetAsync(ct));

    /// <summary>Runs a control of the fleet or an agent, unless the user is a viewer (ADR-013).</summary>
    private async Task RunAsync(string? done, Func<CancellationToken, Task> action)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        _busy = true;
        try
        {
            await action(_disposed.Token);
            if (done is not null)
                Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (ex is InvalidOperationException or AgentUnavailableException or System.ComponentModel.Win32Exception)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
            Refresh();
        }
    }

    private string HeartbeatAge(AgentSnapshot? agent)
    {
        if (agent?.LastHeartbeatUtc is not { } last)
            return "—";
        var age = Math.Max(0, (Time.GetUtcNow() - last).TotalSeconds);
        return $"{SiFormat.Duration(Math.Round(age, age < 10 ? 1 : 0))} ago";
    }

    private static string ProcessText(LocalAgentInfo? local) => local switch
    {
        null => "remote",
        { State: LocalAgentState.Exited, ExitCode: { } code } => string.Create(CultureInfo.InvariantCulture, $"exited ({code}){(local.Killed ? ", killed" : "")}"),
        { State: LocalAgentState.Hung } => string.Create(CultureInfo.InvariantCulture, $"pid {local.ProcessId}, hung"),
        _ => string.Create(CultureInfo.InvariantCulture, $"pid {local.ProcessId}"),
    };

    private static string StateText(AgentState state) => state switch
    {
        AgentState.LoadingModel => "loading model",
        AgentState.ModelRejected => "model rejected",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static Color ColorOf(AgentState state) => state switch
    {
        AgentState.Ready => Color.Success,
        AgentState.Connecting or AgentState.LoadingModel => Color.Info,
        AgentState.Stalled => Color.Warning,
        AgentState.ModelRejected or AgentState.Down => Color.Error,
        _ => Color.Default,
    };

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
