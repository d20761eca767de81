namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>What a stock-basics run changed for one code against the stored rows of its source (one row/document
/// per changed code). <see cref="Kinds"/> lists every kind that applies; <see cref="Fields"/> holds before/after per
/// changed field.</summary>
public sealed record StockChange
{
    public required string Code { get; init; }

    /// <summary>The name after the run (before it, for a missing code).</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<string> Kinds { get; init; }

    public required IReadOnlyList<FieldChange> Fields { get; init; }
}

/// <summary>One field's move. <see cref="Mark"/> is the risk-mark transition of a rename (<c>+ST</c>, <c>+*ST</c>,
/// <c>-ST</c>, <c>-*ST</c>, <c>ST→*ST</c>, <c>*ST→ST</c>), else null. For a missing code the field is
/// <c>last_seen_task_id</c>: the run that last saw it.</summary>
public sealed record FieldChange(string Field, string? Before, string? After, string? Mark = null);

/// <summary>Change kinds as served (<c>?kind=</c>).</summary>
public static class ChangeKinds
{
    public const string Listed = "listed";
    public const string Missing = "missing";
    public const string Renamed = "renamed";
    public const string Reclassified = "reclassified";
    public const string Shifted = "shifted";

    public static IReadOnlyList<string> All { get; } = [Listed, Missing, Renamed, Reclassified, Shifted];
}

/// <summary>The <c>changes</c> summary on a run record: counts per kind, risk-mark transitions, numeric fields
/// beyond their band per field, and for a held run the rule that held it and the rows it staged.</summary>
public sealed record ChangeSummary
{
    public string? Source { get; init; }

    /// <summary>Codes of the source stored before the run, and delivered by it.</summary>
    public long StoredBefore { get; init; }

    public long Delivered { get; init; }

    public long Listed { get; init; }

    public long Missing { get; init; }

    public long Renamed { get; init; }

    /// <summary>Renames that added an <c>ST</c> / <c>*ST</c> mark (including ST→*ST), and that removed one.</summary>
    public long StAdded { get; init; }

    public long StarStAdded { get; init; }

    public long StRemoved { get; init; }

    public long Reclassified { get; init; }

    /// <summary>Stocks with at least one numeric field beyond its band.</summary>
    public long Shifted { get; init; }

    /// <summary>Per numeric field: values that moved beyond the field's band.</summary>
    public IReadOnlyDictionary<string, long> ShiftedByField { get; init; } = new Dictionary<string, long>();

    /// <summary>Per required field: stocks whose stored value was present and the new one is empty.</summary>
    public IReadOnlyDictionary<string, long> EmptiedByField { get; init; } = new Dictionary<string, long>();

    /// <summary>Set on a held run: the guard rule (<c>min_list_ratio</c>, <c>max_shifted_ratio</c>,
    /// <c>max_empty_ratio</c>) and what it saw.</summary>
    public string? HeldBy { get; init; }

    public string? HeldReason { get; init; }

    /// <summary>Rows a held run staged instead of writing.</summary>
    public long Staged { get; init; }

    /// <summary>Set on an approval run: the held run whose staged rows it applied.</summary>
    public string? Approves { get; init; }
}
