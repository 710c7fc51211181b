using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Data.Stores;

/// <summary>A saved scenario with its timeline.</summary>
public sealed record SavedScenario(int Id, Scenario Scenario, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc);

/// <summary>A saved scenario as lists show it.</summary>
public sealed record ScenarioSummary(int Id, string Name, string Description, int EventCount, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc);

/// <summary>Saved failure scenarios: validated by the engine, names unique regardless of case.</summary>
public sealed class ScenarioStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    /// <summary>Scenarios by name.</summary>
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Scenarios.AsNoTracking()
            .Select(s => new ScenarioSummary(s.Id, s.Name, s.Description, s.EventCount, s.CreatedUtc, s.UpdatedUtc))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Scenarios.CountAsync(cancellationToken);
    }

    public async Task<SavedScenario?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : ToSaved(row);
    }

    /// <summary>Stores a new scenario; invalid (nothing stored) when the engine's validator objects or the name is taken.</summary>
    public async Task<StoreResult<SavedScenario>> CreateAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, scenario, id: 0, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<SavedScenario>.Invalid(errors);
        var now = time.GetUtcNow();
        var row = new ScenarioRow { Name = scenario.Name, Json = "", CreatedUtc = now };
        Fill(row, scenario, now);
        db.Scenarios.Add(row);
        return await SaveAsync(db, row, cancellationToken);
    }

    /// <summary>Replaces a scenario's content; runs made with it keep the snapshot they ran.</summary>
    public async Task<StoreResult<SavedScenario>> UpdateAsync(int id, Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Scenarios.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<SavedScenario>.NotFound($"Scenario {id} does not exist.");
        var errors = await ValidateAsync(db, scenario, id, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<SavedScenario>.Invalid(errors);
        Fill(row, scenario, time.GetUtcNow());
        return await SaveAsync(db, row, cancellationToken);
    }

    /// <summary>Deletes a scenario; runs made with it keep their snapshot and lose only the link.</summary>
    public async Task<StoreResult<int>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Scenarios.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 1
            ? StoreResult<int>.Ok(id)
            : StoreResult<int>.NotFound($"Scenario {id} does not exist.");
    }

    private static async Task<IReadOnlyList<FieldError>> ValidateAsync(RoCoInDbContext db, Scenario scenario, int id,
        CancellationToken cancellationToken)
    {
        var errors = ScenarioValidator.Validate(scenario);
        if (errors.Count > 0)
            return errors;
        // Compared in .NET, not by SQLite's NOCASE, which folds ASCII letters only.
        var others = await db.Scenarios.AsNoTracking().Where(s => s.Id != id).Select(s => s.Name).ToListAsync(cancellationToken);
        return others.Contains(scenario.Name, StringComparer.OrdinalIgnoreCase) ? [Duplicate(scenario.Name)] : [];
    }

    private static FieldError Duplicate(string name) => new("name", $"A scenario named '{name}' already exists; names must be unique.");

    private static void Fill(ScenarioRow row, Scenario scenario, DateTimeOffset now)
    {
        row.Name = scenario.Name;
        row.Description = scenario.Description;
        row.EventCount = scenario.Events.Count;
        row.Json = scenario.ToJson();
        row.UpdatedUtc = now;
    }

    private static async Task<StoreResult<SavedScenario>> SaveAsync(RoCoInDbContext db, ScenarioRow row, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StoreResult<SavedScenario>.Ok(ToSaved(row));
        }
        catch (DbUpdateException)
        {
            // Another writer took the name between the check and the write.
            return StoreResult<SavedScenario>.Invalid([Duplicate(row.Name)]);
        }
    }

    private static SavedScenario ToSaved(ScenarioRow row) => new(row.Id, Scenario.FromJson(row.Json), row.CreatedUtc, row.UpdatedUtc);
}
