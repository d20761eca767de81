using System.Text.Json.Serialization;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>Where an alert is in its life: firing until an operator acknowledges it, resolved by an operator
/// or automatically (<c>resolved_by = auto</c>) when its rule clears. Firing and acknowledged alerts are open.</summary>
public enum AlertStatus
{
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>One alert as stored in <c>alerts</c> and served by the API and the hub's <c>alert</c> event.</summary>
internal sealed record Alert
{
    public required string Id { get; init; }

    public required string Rule { get; init; }

    public required AlertLevel Level { get; init; }

    /// <summary>Hash of rule + sorted labels: the identity that de-duplicates repeated firing.</summary>
    public required string Fingerprint { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required AlertStatus Status { get; init; }

    /// <summary>How often the rule fired while this alert was open.</summary>
    public required long Count { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    public DateTimeOffset? LastNotifiedAt { get; init; }

    /// <summary>The level the last notification announced; a higher level notifies again at once.</summary>
    public AlertLevel? LastNotifiedLevel { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The operator's user id, or <c>auto</c> when the rule's condition cleared.</summary>
    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Served only by the alert's detail: where it was delivered (null elsewhere, and then omitted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Delivery.AlertDeliveryView>? Deliveries { get; init; }

    [JsonIgnore]
    public bool IsOpen => Status is AlertStatus.Firing or AlertStatus.Acknowledged;

    /// <summary>Whether announcing at <paramref name="level"/> is due: never announced, firing and last announced at
    /// or before <paramref name="repeatDueAt"/>, or the level rose above the last announced one. The stores decide
    /// the same atomically; this is the in-memory form.</summary>
    public bool IsAnnouncementDue(AlertLevel level, DateTimeOffset repeatDueAt)
        => IsOpen && (LastNotifiedAt is null
            || (Status == AlertStatus.Firing && LastNotifiedAt <= repeatDueAt)
            || LastNotifiedLevel is null || LastNotifiedLevel < level);

    /// <summary>What announcing at <paramref name="level"/> now would be (call while <see cref="IsAnnouncementDue"/>).</summary>
    public Delivery.AlertEventKind AnnouncementKind(AlertLevel level)
        => LastNotifiedAt is null ? Delivery.AlertEventKind.Firing
            : LastNotifiedLevel is null || LastNotifiedLevel < level ? Delivery.AlertEventKind.Escalated
            : Delivery.AlertEventKind.Repeated;
}

/// <summary>Stored and wire names of levels and statuses (lowercase), and level order.</summary>
internal static class AlertNames
{
    public const string AutoResolver = "auto";

    public static string Of(AlertLevel level) => level switch
    {
        AlertLevel.Low => "low",
        AlertLevel.Medium => "medium",
        AlertLevel.High => "high",
        AlertLevel.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string Of(AlertStatus status) => status switch
    {
        AlertStatus.Firing => "firing",
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseLevel(string? value, out AlertLevel level)
    {
        foreach (var candidate in Enum.GetValues<AlertLevel>())
        {
            if (string.Equals(Of(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }

    public static bool TryParseStatus(string? value, out AlertStatus status)
    {
        foreach (var candidate in Enum.GetValues<AlertStatus>())
        {
            if (string.Equals(Of(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static AlertLevel ParseLevel(string value)
        => TryParseLevel(value, out var level) ? level : throw new FormatException($"Unknown alert level '{value}'.");

    public static AlertStatus ParseStatus(string value)
        => TryParseStatus(value, out var status) ? status : throw new FormatException($"Unknown alert status '{value}'.");

    /// <summary>Stored names of the levels below <paramref name="level"/> (for "the level rose" filters).</summary>
    public static IReadOnlyList<string> Below(AlertLevel level)
        => Enum.GetValues<AlertLevel>().Where(l => l < level).Select(Of).ToList();
}
