using System.Globalization;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>A run's change set: one entry per changed code and the summary of the run record.
/// <see cref="Comparable"/> is the stored codes the guard's list ratio is taken over (stored codes not already
/// known missing), <see cref="Common"/> the codes both stored and delivered.</summary>
public sealed record ChangeSet(IReadOnlyList<StockChange> Entries, ChangeSummary Summary, long Comparable, long Common);

/// <summary>What a stored code that the source no longer lists is marked with: the run that last saw it, and whether
/// that was the previous run of the source (newly missing) or an earlier one (already reported then).</summary>
public sealed record MissingMark(string? LastSeenTaskId, bool Newly);

/// <summary>Compares a source's new rows with its stored rows (pure; one pass over each list).</summary>
public static class ChangeSetCalculator
{
    public static ChangeSet Compute(
        string source,
        IReadOnlyList<StockBasic> stored,
        IReadOnlyList<StockBasic> incoming,
        IReadOnlyDictionary<string, double> bands,
        Func<StockBasic, MissingMark> markMissing)
    {
        // Resolved once: the per-row loop walks arrays, never a dictionary's enumerator or a lookup by field name.
        var classification = StockFields.ClassificationList;
        var required = StockFields.RequiredList;
        var banded = bands.Select(b => (Field: b.Key, Factor: b.Value, Read: StockFields.Numeric[b.Key])).ToArray();
        var before = new Dictionary<string, StockBasic>(stored.Count, StringComparer.Ordinal);
        foreach (var row in stored)
        {
            before[row.Code] = row;
        }

        var entries = new List<StockChange>();
        var shiftedByField = new Dictionary<string, long>(StringComparer.Ordinal);
        var emptiedByField = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new HashSet<string>(incoming.Count, StringComparer.Ordinal);
        long listed = 0, renamed = 0, stAdded = 0, starStAdded = 0, stRemoved = 0, reclassified = 0, shifted = 0, common = 0;
        foreach (var row in incoming)
        {
            seen.Add(row.Code);
            if (!before.TryGetValue(row.Code, out var old))
            {
                listed++;
                entries.Add(new StockChange { Code = row.Code, Name = row.Name, Kinds = [ChangeKinds.Listed], Fields = [new("name", null, row.Name)] });
                continue;
            }

            common++;
            List<string>? kinds = null;
            List<FieldChange>? fields = null;
            void Add(string kind, FieldChange field)
            {
                kinds ??= [];
                fields ??= [];
                if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }

                fields.Add(field);
            }

            if (!string.Equals(old.Name, row.Name, StringComparison.Ordinal))
            {
                var mark = RiskMark.Transition(old.Name, row.Name);
                renamed++;
                (stAdded, starStAdded, stRemoved) = mark switch
                {
                    "+ST" => (stAdded + 1, starStAdded, stRemoved),
                    "+*ST" or "ST→*ST" => (stAdded, starStAdded + 1, stRemoved),
                    "-ST" or "-*ST" => (stAdded, starStAdded, stRemoved + 1),
                    _ => (stAdded, starStAdded, stRemoved),
                };
                Add(ChangeKinds.Renamed, new FieldChange("name", old.Name, row.Name, mark));
            }

            var wasReclassified = false;
            foreach (var (field, read) in classification)
            {
                var (a, b) = (read(old), read(row));
                if (!string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && !string.Equals(a, b, StringComparison.Ordinal))
                {
                    wasReclassified = true;
                    Add(ChangeKinds.Reclassified, new FieldChange(field, a, b));
                }
            }

            reclassified += wasReclassified ? 1 : 0;
            var wasShifted = false;
            foreach (var (field, factor, read) in banded)
            {
                var (a, b) = (read(old), read(row));
                if (a is { } x && b is { } y && BeyondBand(x, y, factor))
                {
                    wasShifted = true;
                    shiftedByField[field] = shiftedByField.GetValueOrDefault(field) + 1;
                    Add(ChangeKinds.Shifted, new FieldChange(field, Format(x), Format(y)));
                }
            }

            shifted += wasShifted ? 1 : 0;
            foreach (var (field, present) in required)
            {
                if (present(old) && !present(row))
                {
                    emptiedByField[field] = emptiedByField.GetValueOrDefault(field) + 1;
                }
            }

            if (kinds is not null)
            {
                entries.Add(new StockChange { Code = row.Code, Name = row.Name, Kinds = kinds, Fields = fields! });
            }
        }

        long missing = 0, alreadyMissing = 0;
        foreach (var old in stored)
        {
            if (seen.Contains(old.Code))
            {
                continue;
            }

            var mark = markMissing(old);
            if (!mark.Newly)
            {
                alreadyMissing++;
                continue;
            }

            missing++;
            entries.Add(new StockChange
            {
                Code = old.Code,
                Name = old.Name,
                Kinds = [ChangeKinds.Missing],
                Fields = [new FieldChange("last_seen_task_id", mark.LastSeenTaskId, null)],
            });
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var summary = new ChangeSummary
        {
            Source = source,
            StoredBefore = stored.Count,
            Delivered = incoming.Count,
            Listed = listed,
            Missing = missing,
            Renamed = renamed,
            StAdded = stAdded,
            StarStAdded = starStAdded,
            StRemoved = stRemoved,
            Reclassified = reclassified,
            Shifted = shifted,
            ShiftedByField = shiftedByField,
            EmptiedByField = emptiedByField,
        };
        return new ChangeSet(entries, summary, stored.Count - alreadyMissing, common);
    }

    /// <summary>Beyond the band: the values differ in sign, or one is more than <paramref name="factor"/> times the
    /// other. Zero has no ratio and is left out.</summary>
    internal static bool BeyondBand(double before, double after, double factor)
    {
        if (before == 0 || after == 0 || double.IsNaN(before) || double.IsNaN(after))
        {
            return false;
        }

        if (Math.Sign(before) != Math.Sign(after))
        {
            return true;
        }

        var ratio = Math.Abs(after / before);
        return ratio > factor || ratio < 1 / factor;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
