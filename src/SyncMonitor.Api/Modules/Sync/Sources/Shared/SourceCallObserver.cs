using System.Diagnostics;
using Polly.CircuitBreaker;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Metrics.Tracing;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>The boundary every call of one source passes: it times the call (<see cref="IOperationTimings"/> as
/// <c>source.{name}.{api}</c> and <see cref="SourceMetrics"/>), keeps <see cref="SourceHealth"/> current, logs
/// failures without secrets, and lets only <see cref="SourceUnavailableException"/> (or the caller's own
/// cancellation) out.</summary>
public sealed partial class SourceCallObserver
{
    private readonly SourceMetrics _metrics;
    private readonly IOperationTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal SourceCallObserver(string source, SecretRedactor redactor, SourceHealth health, SourceMetrics metrics,
        IOperationTimings timings, TimeProvider time, ILogger logger)
    {
        Source = source;
        Redactor = redactor;
        Health = health;
        _metrics = metrics;
        _timings = timings;
        _time = time;
        _logger = logger;
    }

    public string Source { get; }

    public SecretRedactor Redactor { get; }

    public SourceHealth Health { get; }

    public async Task<T> ObserveAsync<T>(string api, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var span = SyncMonitorTracing.Start($"source.{Source}.{api}", null, ("syncmonitor.source", Source), ("syncmonitor.source_api", api));
        var started = Stopwatch.GetTimestamp();
        var outcome = SourceOutcomes.Success;
        try
        {
            var result = await call(cancellationToken);
            Health.RecordSuccess(_time.GetUtcNow());
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = SourceOutcomes.Cancelled;
            throw;
        }
        catch (Exception ex)
        {
            // The contract of every source: a failure is a SourceUnavailableException, whatever broke underneath.
            var failure = SourceFailureTranslator.Translate(Source, ex, Redactor, Health.LastError);
            outcome = SourceOutcomes.Of(failure.Kind);
            var reason = SourceFailureTranslator.StripSourcePrefix(failure);
            if (ex is not BrokenCircuitException)
            {
                Health.RecordFailure(reason, _time.GetUtcNow());
            }

            LogFailed(_logger, Source, api, failure.Kind, reason);
            SyncMonitorTracing.Failed(span, reason);
            throw failure;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            span?.SetTag("syncmonitor.outcome", outcome);
            _metrics.Record(Source, api, outcome, elapsed);
            _timings.Record($"source.{Source}.{api}", elapsed, outcome == SourceOutcomes.Success);
        }
    }

    /// <summary>A bounded live check: runs <paramref name="check"/> (through the same resilience and circuit
    /// breaker as real calls) for at most <paramref name="timeout"/> and reports, never throws.</summary>
    public async Task<SourceProbeResult> ProbeAsync(bool enabled, string disabledReason, TimeSpan timeout,
        Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return new SourceProbeResult(false, 0, disabledReason);
        }

        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await check(linked.Token);
            return new SourceProbeResult(true, ElapsedMs(started), null);
        }
        catch (SourceUnavailableException ex)
        {
            return new SourceProbeResult(false, ElapsedMs(started), SourceFailureTranslator.StripSourcePrefix(ex));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = $"probe timed out after {timeout.TotalSeconds:0.###} s";
            Health.RecordFailure(error, _time.GetUtcNow());
            return new SourceProbeResult(false, ElapsedMs(started), error);
        }
    }

    private static double ElapsedMs(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} call {Api} failed ({Kind}): {Error}")]
    private static partial void LogFailed(ILogger logger, string source, string api, SourceFailureKind kind, string error);
}

/// <summary>Creates the <see cref="SourceCallObserver"/> of each source from the shared metrics, timings and health.</summary>
public sealed class SourceCallObservers(SourceMetrics metrics, IOperationTimings timings, SourceHealthRegistry health,
    TimeProvider time, ILoggerFactory loggers)
{
    /// <param name="apis">The <c>api</c> names the source passes to <see cref="SourceCallObserver.ObserveAsync{T}"/>:
    /// their series exist at zero from the start.</param>
    public SourceCallObserver For(string source, SecretRedactor redactor, IReadOnlyList<string> apis)
    {
        metrics.Calls(source, apis);
        return new(source, redactor, health.For(source), metrics, timings, time,
            loggers.CreateLogger("SyncMonitor.Api.Modules.Sync.Sources." + source));
    }
}
