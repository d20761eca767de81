using SyncMonitor.Api.Common.Errors;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>The three checks of seed 002 (serialized <c>quick</c>, <c>full</c>, <c>deep</c>). Each looks at the
/// successful daily runs that started within its window; the deep check also reports a per-day trend.</summary>
public enum IntegrityCheckType
{
    Quick,
    Full,
    Deep,
}

public static class IntegrityCheckTypes
{
    public static IReadOnlyList<IntegrityCheckType> All { get; } = Enum.GetValues<IntegrityCheckType>();

    /// <summary>quick: the last hour; full: the last 24 hours; deep: the last 14 days.</summary>
    public static TimeSpan Window(this IntegrityCheckType type) => type switch
    {
        IntegrityCheckType.Quick => TimeSpan.FromHours(1),
        IntegrityCheckType.Full => TimeSpan.FromHours(24),
        _ => TimeSpan.FromDays(14),
    };

    /// <summary>The API / label / file name of a type: <c>quick</c>, <c>full</c>, <c>deep</c>.</summary>
    public static string Name(this IntegrityCheckType type) => type.ToString().ToLowerInvariant();

    /// <summary>Parses a request's <c>type</c>; anything else is a 400 naming the accepted values.</summary>
    public static IntegrityCheckType Parse(string? value)
    {
        var match = All.Where(t => string.Equals(t.Name(), value?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count == 1
            ? match[0]
            : throw new ValidationException("type", $"type must be one of: {string.Join(", ", All.Select(t => t.Name()))}.");
    }
}
