using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Stocks.Reading;

/// <summary>Which source's row is shown when a code has several (<see cref="SourceRanking"/>), as configured now.</summary>
internal sealed class SourcePriority(IOptionsMonitor<SourcesOptions> options)
{
    public IReadOnlyList<string> Order => Build(options.CurrentValue.EffectivePriority);

    /// <summary>Short and stable, so cached answers of one priority order are never served under another.</summary>
    public string Fingerprint => Convert.ToHexStringLower(XxHash32.Hash(Encoding.UTF8.GetBytes(string.Join(',', Order))));

    public static IReadOnlyList<string> Build(IEnumerable<string> realSources) => SourceRanking.DisplayOrder(realSources);

    /// <summary>Rows of the generated demo sources are labelled <c>synthetic: true</c> (SPEC §3.3).</summary>
    public static bool IsSynthetic(string source) => source is SourceNames.Demo or SourceNames.DemoAlt;
}
