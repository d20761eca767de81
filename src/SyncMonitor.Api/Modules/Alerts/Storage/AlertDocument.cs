using MongoDB.Bson.Serialization.Attributes;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>An alert as a Mongo document (snake_case by the shared conventions; levels and statuses as the
/// same lowercase strings SQLite stores).</summary>
internal sealed class AlertDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    /// <summary>The fingerprint while open; <c>resolved:{unique}</c> afterwards (see <see cref="AlertsSchema"/>).</summary>
    public string OpenKey { get; set; } = string.Empty;

    public string Rule { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public Dictionary<string, string> Labels { get; set; } = [];

    public string Status { get; set; } = string.Empty;

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }

    public string? LastNotifiedLevel { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Deliveries written in the same update as the event they announce, until they are relayed to
    /// <c>alert_deliveries</c> (moments later, or by the sender's sweep after a crash). Absent when empty.</summary>
    [BsonIgnoreIfNull]
    public List<AlertDeliveryDocument>? Outbox { get; set; }

    public Alert ToAlert() => new()
    {
        Id = Id,
        Rule = Rule,
        Level = AlertNames.ParseLevel(Level),
        Fingerprint = Fingerprint,
        Title = Title,
        Message = Message,
        Labels = Labels,
        Status = AlertNames.ParseStatus(Status),
        Count = Count,
        FirstSeen = FirstSeen,
        LastSeen = LastSeen,
        LastNotifiedAt = LastNotifiedAt,
        LastNotifiedLevel = LastNotifiedLevel is null ? null : AlertNames.ParseLevel(LastNotifiedLevel),
        AcknowledgedBy = AcknowledgedBy,
        AcknowledgedAt = AcknowledgedAt,
        ResolvedBy = ResolvedBy,
        ResolvedAt = ResolvedAt,
        CreatedAt = CreatedAt,
    };
}
