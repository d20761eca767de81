using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

/// <summary>Which source's row is shown when a code has several (<see cref="SourceRanking"/>), as configured now.</summary>
internal sealed class SourcePriority(IOptionsMonitor<SourcesOptions> options)
{
    private volatile Derived? _derived;

    public IReadOnlyList<string> Order => Current().Order;

    /// <summary>Short and stable, so cached answers of one priority order are never served under another.</summary>
    public string Fingerprint => Current().Fingerprint;

    /// <summary>Every warm stock request asks for these: they are derived again only when the configured priority
    /// differs (compared by value, so a reload or any change of the list is seen at once).</summary>
    private Derived Current()
    {
        var configured = options.CurrentValue.EffectivePriority;
        var derived = _derived;
        if (derived is not null && derived.Configured.SequenceEqual(configured, StringComparer.Ordinal))
        {
            return derived;
        }

        var order = Build(configured);
        derived = new Derived([.. configured], order, Convert.ToHexStringLower(XxHash32.Hash(Encoding.UTF8.GetBytes(string.Join(',', order)))));
        _derived = derived;
        return derived;
    }

    private sealed record Derived(IReadOnlyList<string> Configured, IReadOnlyList<string> Order, string Fingerprint);

    public static IReadOnlyList<string> Build(IEnumerable<string> realSources) => SourceRanking.DisplayOrder(realSources);

    /// <summary>Rows of the generated demo sources are labelled <c>synthetic: true</c> (SPEC §3.3).</summary>
    public static bool IsSynthetic(string source) => source is SourceNames.Demo or SourceNames.DemoAlt;
}
