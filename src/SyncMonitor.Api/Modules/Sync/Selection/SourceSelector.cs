using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Sync.Selection;

/// <summary>Decides which sources a run asks, in which order, for one kind of data (SPEC §3.2/§3.3):
/// the run's <c>preferred_sources</c> first, then the enabled real sources in <c>Sources:Priority</c> order.
/// The synthetic <c>demo</c> source is never a silent fallback: it serves only when no real source is enabled or
/// when a run names it.</summary>
public sealed class SourceSelector(IEnumerable<IStockDataSource> sources, IOptionsMonitor<SourcesOptions> options)
{
    private readonly IReadOnlyDictionary<string, IStockDataSource> _byName =
        sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every registered source in display order: the priority chain, then the rest by name.</summary>
    public IReadOnlyList<IStockDataSource> All => _byName.Values
        .OrderBy(s => PriorityOf(s.Name) ?? int.MaxValue)
        .ThenBy(s => s.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>1-based position in the fallback chain; null for sources outside it (demo, unknown).</summary>
    public int? PriorityOf(string name)
    {
        var index = options.CurrentValue.EffectivePriority.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + 1;
    }

    /// <summary>Checks a run's <c>preferred_sources</c>: every name must be a registered, enabled source.</summary>
    public IReadOnlyList<string> ValidatePreferred(IEnumerable<string>? names)
    {
        var preferred = new List<string>();
        foreach (var raw in names ?? [])
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!_byName.TryGetValue(name, out var source))
            {
                throw new ValidationException("preferred_sources",
                    $"Unknown source '{Truncate(name)}'. Known sources: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}.");
            }

            if (!source.Enabled)
            {
                throw new ValidationException("preferred_sources", $"Source '{source.Name}' is not enabled; configure it under Sources:{source.Name}.");
            }

            if (!preferred.Contains(source.Name))
            {
                preferred.Add(source.Name);
            }
        }

        return preferred;
    }

    /// <summary>The sources to ask for <paramref name="capability"/>, in order.</summary>
    public IReadOnlyList<IStockDataSource> Chain(SourceCapabilities capability, IReadOnlyList<string> preferred)
    {
        bool Serves(IStockDataSource s) => s.Enabled && s.Capabilities.HasFlag(capability);
        var chain = preferred.Select(n => _byName[n]).Where(Serves).ToList();
        var real = options.CurrentValue.EffectivePriority
            .Select(n => _byName.GetValueOrDefault(n))
            .OfType<IStockDataSource>()
            .Where(s => !s.IsSynthetic && Serves(s))
            .ToList();
        chain.AddRange(real.Where(s => !chain.Contains(s)));
        if (!AnyRealSourceEnabled && _byName.TryGetValue(SourceNames.Demo, out var demo) && Serves(demo) && !chain.Contains(demo))
        {
            chain.Add(demo);
        }

        return chain;
    }

    public bool AnyRealSourceEnabled => _byName.Values.Any(s => !s.IsSynthetic && s.Enabled);

    public IStockDataSource? Find(string name) => _byName.GetValueOrDefault(name);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
