using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>One audited operation (the <c>operation_logs</c> row/document). <see cref="Timestamp"/> is when the
/// operation happened, <see cref="CreatedAt"/> when it was stored (retention and the TTL index use it).</summary>
public sealed record OperationLog
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Username { get; init; }

    public required string ActionType { get; init; }

    public required string Action { get; init; }

    /// <summary>The action's name for people, in the reader's language (<see cref="OperationLogActionNames"/>); <c>action</c>
    /// stays the stable code.</summary>
    public string ActionName => OperationLogActionNames.Display(Action, System.Globalization.CultureInfo.CurrentUICulture);

    /// <summary>Route values, query (secrets redacted), method, status; or what a manual entry supplied.</summary>
    public JsonObject Details { get; init; } = [];

    public bool Success { get; init; }

    public string? ErrorMessage { get; init; }

    public long? DurationMs { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? SessionId { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Identifiers of entries: time-ordered UUIDv7 as 32 lowercase hex digits, the same for both stores.</summary>
public static class OperationLogId
{
    /// <summary>A UUIDv7 for <paramref name="timestamp"/>. Its random part comes from <see cref="Random.Shared"/>:
    /// ids must be unique, not unguessable, and this saves a system call per audited request.</summary>
    public static string New(DateTimeOffset timestamp)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, milliseconds >>= 8)
        {
            bytes[i] = (byte)milliseconds;
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return Convert.ToHexStringLower(bytes);
    }

    public static bool TryNormalize(string? candidate, out string id)
    {
        id = string.Empty;
        if (candidate is null || candidate.Length != 32 || !Guid.TryParseExact(candidate, "N", out var guid))
        {
            return false;
        }

        id = guid.ToString("N");
        return true;
    }
}
