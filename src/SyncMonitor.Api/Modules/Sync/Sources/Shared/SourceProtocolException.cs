namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>A failure a source client recognised in the protocol (an error code, a bad frame). It stays inside the
/// resilience pipeline, where <see cref="IsTransient"/> decides retries and the breaker, and becomes a
/// <see cref="SourceUnavailableException"/> of <see cref="Kind"/> at the source's boundary.</summary>
public abstract class SourceProtocolException(SourceFailureKind kind, string message, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public SourceFailureKind Kind { get; } = kind;

    /// <summary>Worth another attempt (a truncated frame, a server-side system error); never true for credentials.</summary>
    public bool IsTransient { get; } = isTransient;
}
