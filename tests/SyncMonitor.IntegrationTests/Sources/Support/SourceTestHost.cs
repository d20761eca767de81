using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>The real sources as <see cref="SourceRegistration.AddRealSources"/> registers them, in a container of
/// their own: every log line captured (Trace and up, HttpClient and Polly included), timings and metrics recorded,
/// and a clock that starts at a fixed instant but runs in real time (Polly's timers stay real).</summary>
internal sealed class SourceTestHost : IAsyncDisposable
{
    /// <summary>Friday 2024-11-15, 12:00 in Shanghai: a trade day the fixtures describe.</summary>
    public static readonly DateTimeOffset TradeDayNoon = new(2024, 11, 15, 4, 0, 0, TimeSpan.Zero);

    private readonly MeterListener _listener = new();

    private SourceTestHost(ServiceProvider services, CapturingLoggerProvider logs, RecordingTimings timings)
    {
        Services = services;
        Logs = logs;
        Timings = timings;
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == SourceMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measurements.Enqueue(new Measurement(instrument.Name, value, ToDictionary(tags))));
        _listener.Start();
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public RecordingTimings Timings { get; }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>Short timeouts, one quick retry, a breaker that does not open unless a test asks.</summary>
    public static Dictionary<string, string?> Quick(string source) => new()
    {
        [$"Sources:{source}:TimeoutSeconds"] = "20",
        [$"Sources:{source}:MaxRetries"] = "1",
        [$"Sources:{source}:RetryDelaySeconds"] = "0.01",
        [$"Sources:{source}:BreakerMinimumThroughput"] = "100",
        [$"Sources:{source}:ProbeTimeoutSeconds"] = "20",
    };

    public static SourceTestHost Create(IDictionary<string, string?> settings, DateTimeOffset? now = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var timings = new RecordingTimings();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(new ShiftedClock(now ?? TradeDayNoon));
        services.AddSingleton<IOperationTimings>(timings);
        services.AddRealSources(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new SourceTestHost(provider, logs, timings);
    }

    public T Source<T>()
        where T : IStockDataSource
        => Services.GetServices<IStockDataSource>().OfType<T>().Single();

    public SourceHealth Health(string source) => Services.GetRequiredService<SourceHealthRegistry>().For(source);

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await Services.DisposeAsync();
    }

    private static Dictionary<string, string?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString();
        }

        return result;
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    /// <summary>"Now" starts at a fixed instant and advances in real time; timers are the system's.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = TimeProvider.System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_origin);
    }
}

internal sealed class RecordingTimings : IOperationTimings
{
    public ConcurrentQueue<(string Operation, bool Success)> Records { get; } = new();

    public void Record(string operation, TimeSpan duration, bool success) => Records.Enqueue((operation, success));
}
