using System.Globalization;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>Why a run was held: the rule and what it saw.</summary>
public sealed record GuardVerdict(string Rule, string Reason);

/// <summary>The guard of SPEC §3.2: a stock-basics run whose list shrank, whose numbers jumped or whose required
/// fields emptied is held back. A source with nothing stored yet is never held (nothing to compare with).</summary>
public static class SyncGuard
{
    public const string MinListRatio = "min_list_ratio";
    public const string MaxShiftedRatio = "max_shifted_ratio";
    public const string MaxEmptyRatio = "max_empty_ratio";

    public static GuardVerdict? Evaluate(ChangeSet changes, SyncGuardOptions options)
    {
        var summary = changes.Summary;
        if (changes.Comparable <= 0)
        {
            return null;
        }

        var still = changes.Comparable - summary.Missing;
        var listRatio = still / (double)changes.Comparable;
        if (listRatio < options.MinListRatio)
        {
            return new GuardVerdict(MinListRatio,
                $"the source listed {still} of {changes.Comparable} stored codes ({F(listRatio)} < Sync:Guard:MinListRatio {F(options.MinListRatio)})");
        }

        if (changes.Common == 0)
        {
            return null;
        }

        var shiftedRatio = summary.Shifted / (double)changes.Common;
        if (shiftedRatio > options.MaxShiftedRatio)
        {
            var fields = string.Join(", ", summary.ShiftedByField.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"));
            return new GuardVerdict(MaxShiftedRatio,
                $"{summary.Shifted} of {changes.Common} stocks moved a numeric field beyond its band ({F(shiftedRatio)} > Sync:Guard:MaxShiftedRatio {F(options.MaxShiftedRatio)}; {fields})");
        }

        foreach (var (field, emptied) in summary.EmptiedByField.OrderByDescending(f => f.Value))
        {
            var emptyRatio = emptied / (double)changes.Common;
            if (emptyRatio > options.MaxEmptyRatio)
            {
                return new GuardVerdict(MaxEmptyRatio,
                    $"{field} became empty for {emptied} of {changes.Common} stocks ({F(emptyRatio)} > Sync:Guard:MaxEmptyRatio {F(options.MaxEmptyRatio)})");
            }
        }

        return null;
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
