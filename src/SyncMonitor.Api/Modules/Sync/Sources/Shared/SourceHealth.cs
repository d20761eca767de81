using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>What one source's recent calls showed: the last real error (kept while the circuit is open, so a probe
/// can say why it opened) and the state of its circuit breaker.</summary>
public sealed class SourceHealth
{
    private readonly Lock _gate = new();
    private string? _lastError;

    public SourceHealth(string source) => Source = source;

    public string Source { get; }

    /// <summary>Attached to the source's circuit breaker; reads its state without making a call.</summary>
    public CircuitBreakerStateProvider Breaker { get; } = new();

    public bool CircuitOpen => Breaker.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public DateTimeOffset? LastSuccessAt { get; private set; }

    public DateTimeOffset? LastFailureAt { get; private set; }

    /// <summary>False after a failed call or probe until the next success, and while the circuit is open; true before
    /// anything failed (a source is not reported down for want of a call).</summary>
    public bool Available
    {
        get
        {
            lock (_gate)
            {
                return !CircuitOpen && (LastFailureAt is not { } failed || LastSuccessAt >= failed);
            }
        }
    }

    /// <summary>The last failure that came from the source itself (never "circuit open"), already redacted.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    public void RecordSuccess(DateTimeOffset at)
    {
        lock (_gate)
        {
            LastSuccessAt = at;
        }
    }

    public void RecordFailure(string error, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastError = error;
            LastFailureAt = at;
        }
    }
}

/// <summary>One <see cref="SourceHealth"/> per source name for the life of the container.</summary>
public sealed class SourceHealthRegistry
{
    private readonly ConcurrentDictionary<string, SourceHealth> _health = new(StringComparer.Ordinal);

    public SourceHealth For(string source) => _health.GetOrAdd(source, name => new SourceHealth(name));
}
