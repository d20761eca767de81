namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>What one unordered bulk of <see cref="Rows"/> upserts did, by the row's index in the bulk: which rows were
/// inserted (the server's <c>upserted</c> list) and which were refused; every other row matched its stored document.</summary>
internal sealed record BulkOutcome(int Rows, IReadOnlyList<int> Upserted, long Matched, IReadOnlyList<(int Index, RowError Error)> Errors)
{
    public UpsertResult Total() => new(Upserted.Count, Matched, Errors.Count, Errors.Take(100).Select(e => e.Error).ToList());

    /// <summary>One result per consecutive group of rows (sizes in bulk order). Inserted and errors are counted by index;
    /// updated is the rest of the group, since an acknowledged upsert that neither inserted nor failed matched.</summary>
    public IReadOnlyList<UpsertResult> Split(IEnumerable<int> groupSizes)
    {
        var results = new List<UpsertResult>();
        var start = 0;
        foreach (var size in groupSizes)
        {
            var end = start + size;
            var inserted = Upserted.Count(i => i >= start && i < end);
            var errors = Errors.Where(e => e.Index >= start && e.Index < end).Select(e => e.Error).ToList();
            results.Add(new UpsertResult(inserted, size - inserted - errors.Count, errors.Count, errors.Take(100).ToList()));
            start = end;
        }

        return results;
    }
}
