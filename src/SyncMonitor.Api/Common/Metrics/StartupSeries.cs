using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyncMonitor.Api.Common.Metrics;

/// <summary>A module's counter and histogram series that exist from the start, at zero, before their first event.
/// A series that first appears at 1 has no increase for Prometheus (<c>increase()</c> needs two samples), so an alert
/// on the first failure, skip or drop would miss it. Register the module's metrics class with
/// <see cref="StartupSeriesRegistration.AddStartupSeries{T}"/>: the Metrics module resolves it when the host starts
/// (its instruments are then created while the exporter listens) and publishes every declared series at zero.
/// Gauges are not declared: a 0 would claim something (unavailable, empty) before anything is known.</summary>
public interface IStartupSeries
{
    IEnumerable<StartupSeries> Declare();
}

/// <summary>One series of a counter or histogram: the instrument and its complete tag set.</summary>
public sealed record StartupSeries(Instrument Instrument, IReadOnlyList<KeyValuePair<string, object?>> Tags)
{
    /// <summary>Every combination of the given label values, e.g. each status × each task type.</summary>
    public static IEnumerable<StartupSeries> Each(Instrument instrument, params (string Label, IEnumerable<string> Values)[] labels)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, object?>>> combinations = [[]];
        foreach (var (label, values) in labels)
        {
            var known = values.Distinct(StringComparer.Ordinal).ToList();
            combinations = combinations
                .SelectMany(tags => known.Select(value => (IReadOnlyList<KeyValuePair<string, object?>>)[.. tags, new(label, value)]))
                .ToList();
        }

        return combinations.Select(tags => new StartupSeries(instrument, tags));
    }
}

public static class StartupSeriesRegistration
{
    /// <summary>Registers <typeparamref name="T"/> (a singleton) as a source of series published at zero on start.</summary>
    public static IServiceCollection AddStartupSeries<T>(this IServiceCollection services)
        where T : class, IStartupSeries
    {
        services.TryAddSingleton<T>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupSeries, StartupSeriesOf<T>>());
        return services;
    }

    /// <summary>A distinct implementation type per module, so that registering twice adds it once.</summary>
    private sealed class StartupSeriesOf<T>(T inner) : IStartupSeries
        where T : class, IStartupSeries
    {
        public IEnumerable<StartupSeries> Declare() => inner.Declare();
    }
}
