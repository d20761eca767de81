using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Turns whatever a source call threw into the one exception callers handle,
/// <see cref="SourceUnavailableException"/>, with the kind that drives fallback and a message free of secrets.</summary>
public static class SourceFailureTranslator
{
    public static SourceUnavailableException Translate(string source, Exception exception, SecretRedactor redactor, string? lastError = null)
    {
        var (kind, message) = Classify(exception, lastError);
        // Keep the inner exception for diagnostics unless something in it would reveal a secret.
        var inner = exception is SourceUnavailableException || redactor.Leaks(exception.ToString()) ? null : exception;
        return exception is SourceUnavailableException known && !redactor.Leaks(known.Message)
            ? known
            : new SourceUnavailableException(source, kind, redactor.Redact(message), inner);
    }

    private static (SourceFailureKind Kind, string Message) Classify(Exception exception, string? lastError) => exception switch
    {
        SourceUnavailableException known => (known.Kind, StripSourcePrefix(known)),
        SourceProtocolException protocol => (protocol.Kind, protocol.Message),
        BrokenCircuitException broken => (SourceFailureKind.Unreachable, CircuitOpen(broken, lastError)),
        TimeoutRejectedException timeout => (SourceFailureKind.Unreachable, $"timed out after {timeout.Timeout.TotalSeconds:0.###} s"),
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => (SourceFailureKind.RateLimited, "HTTP 429 Too Many Requests"),
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } http
            => (SourceFailureKind.Unauthorized, $"HTTP {(int)http.StatusCode!} {http.StatusCode}"),
        HttpRequestException { StatusCode: { } status } => (SourceFailureKind.Unreachable, $"HTTP {(int)status} {status}"),
        HttpRequestException http => (SourceFailureKind.Unreachable, "connection failed: " + http.Message),
        SocketException socket => (SourceFailureKind.Unreachable, $"connection failed: {socket.SocketErrorCode}"),
        IOException io => (SourceFailureKind.Unreachable, "connection failed: " + io.Message),
        JsonException json => (SourceFailureKind.BadResponse, "response is not the expected JSON: " + json.Message),
        InvalidDataException data => (SourceFailureKind.BadResponse, "response could not be decoded: " + data.Message),
        OperationCanceledException => (SourceFailureKind.Unreachable, "timed out"),
        _ => (SourceFailureKind.BadResponse, $"unexpected {exception.GetType().Name}: {exception.Message}"),
    };

    private static string CircuitOpen(BrokenCircuitException broken, string? lastError)
    {
        var retry = broken.RetryAfter is { } after ? $", next attempt allowed in {Math.Ceiling(after.TotalSeconds)} s" : string.Empty;
        return $"circuit open after repeated failures{retry}; last error: {lastError ?? "unknown"}";
    }

    /// <summary>The message without the "source: " prefix the exception adds.</summary>
    public static string StripSourcePrefix(SourceUnavailableException known)
        => known.Message.StartsWith(known.SourceName + ": ", StringComparison.Ordinal)
            ? known.Message[(known.SourceName.Length + 2)..]
            : known.Message;
}
