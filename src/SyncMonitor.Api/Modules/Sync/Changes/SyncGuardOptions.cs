using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary><c>Sync:Guard</c>: when a stock-basics run is held back instead of written (SPEC §3.2), and the bands
/// within which a numeric field may move between two runs without being counted as shifted.</summary>
public sealed class SyncGuardOptions : IValidatableObject
{
    public const string Section = "Sync:Guard";

    /// <summary>Hold when the new list has fewer than this share of the source's stored codes.</summary>
    [Range(0.0, 1.0)]
    public double MinListRatio { get; set; } = 0.9;

    /// <summary>Hold when more than this share of the common stocks move a numeric field beyond its band.</summary>
    [Range(0.0, 1.0)]
    public double MaxShiftedRatio { get; set; } = 0.2;

    /// <summary>Hold when, for any required field, more than this share of the common stocks had a value stored and
    /// get none now. 0.1: a source that drops a field for a tenth of the market has a problem; single stocks without
    /// a value (suspended, newly listed) stay far below it.</summary>
    [Range(0.0, 1.0)]
    public double MaxEmptyRatio { get; set; } = 0.1;

    /// <summary>Per numeric field, the factor a value may grow or shrink by (new/old or old/new) before it counts as
    /// shifted. A sign change is always beyond the band. Fields not listed are not compared.</summary>
    public Dictionary<string, double> Bands { get; set; } = new(StringComparer.Ordinal)
    {
        ["close"] = 1.5,
        ["total_mv"] = 1.5,
        ["circ_mv"] = 1.5,
        ["total_share"] = 1.5,
        ["float_share"] = 2.0,
        ["pe"] = 3.0,
        ["pb"] = 2.0,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (field, factor) in Bands)
        {
            if (!StockFields.Numeric.ContainsKey(field))
            {
                yield return new ValidationResult(
                    $"Sync:Guard:Bands:{field} is not a numeric stock field (one of {string.Join(", ", StockFields.Numeric.Keys)}).", [nameof(Bands)]);
            }
            else if (factor <= 1.0)
            {
                yield return new ValidationResult($"Sync:Guard:Bands:{field} must be a factor above 1.", [nameof(Bands)]);
            }
        }
    }
}
