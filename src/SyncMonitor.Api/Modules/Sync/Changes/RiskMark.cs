namespace SyncMonitor.Api.Modules.Sync.Changes;

/// <summary>The exchange's risk marks in a stock's short name: <c>*ST</c> (delisting risk) and <c>ST</c> (other
/// risk), possibly after the <c>S</c> of an unfinished share reform (<c>S*ST</c>, <c>SST</c>).</summary>
internal static class RiskMark
{
    public const string St = "ST";
    public const string StarSt = "*ST";

    public static string? Of(string? name)
    {
        var n = (name ?? string.Empty).TrimStart().ToUpperInvariant();
        if (n.StartsWith('S') && (n.StartsWith("S*ST", StringComparison.Ordinal) || n.StartsWith("SST", StringComparison.Ordinal)))
        {
            n = n[1..];
        }

        return n.StartsWith("*ST", StringComparison.Ordinal) ? StarSt : n.StartsWith("ST", StringComparison.Ordinal) ? St : null;
    }

    /// <summary><c>+ST</c>, <c>+*ST</c>, <c>-ST</c>, <c>-*ST</c>, <c>ST→*ST</c>, <c>*ST→ST</c>; null when the mark did not change.</summary>
    public static string? Transition(string? before, string? after)
    {
        var (from, to) = (Of(before), Of(after));
        return (from, to) switch
        {
            _ when from == to => null,
            (null, _) => "+" + to,
            (_, null) => "-" + from,
            _ => $"{from}→{to}",
        };
    }
}
