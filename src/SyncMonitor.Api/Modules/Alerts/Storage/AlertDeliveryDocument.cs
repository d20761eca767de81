using MongoDB.Bson.Serialization.Attributes;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>A delivery as a Mongo document (snake_case; names as SQLite stores them; the alert snapshot as the API's
/// JSON). The same shape is embedded in an alert's <c>outbox</c> until it is relayed to <c>alert_deliveries</c>.</summary>
internal sealed class AlertDeliveryDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string AlertId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string ChannelType { get; set; } = string.Empty;

    public string Event { get; set; } = string.Empty;

    public string Alert { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? MessageId { get; set; }

    public static AlertDeliveryDocument From(AlertDelivery delivery) => new()
    {
        Id = delivery.Id,
        AlertId = delivery.AlertId,
        Channel = delivery.Channel,
        ChannelType = AlertChannelNames.Of(delivery.ChannelType),
        Event = AlertDeliveryNames.Of(delivery.Event),
        Alert = AlertDeliveryNames.Serialize(delivery.Alert),
        Status = AlertDeliveryNames.Of(delivery.Status),
        Attempts = delivery.Attempts,
        LastError = delivery.LastError,
        CreatedAt = delivery.CreatedAt,
        NextAttemptAt = delivery.NextAttemptAt,
        LastAttemptAt = delivery.LastAttemptAt,
        DeliveredAt = delivery.DeliveredAt,
        MessageId = delivery.MessageId,
    };

    public AlertDelivery ToDelivery() => new()
    {
        Id = Id,
        AlertId = AlertId,
        Channel = Channel,
        ChannelType = AlertDeliveryNames.ParseType(ChannelType),
        Event = AlertDeliveryNames.ParseEvent(Event),
        Alert = AlertDeliveryNames.Deserialize(Alert),
        Status = AlertDeliveryNames.ParseStatus(Status),
        Attempts = Attempts,
        LastError = LastError,
        CreatedAt = CreatedAt,
        NextAttemptAt = NextAttemptAt,
        LastAttemptAt = LastAttemptAt,
        DeliveredAt = DeliveredAt,
        MessageId = MessageId,
    };
}

/// <summary>A channel's sending lease in <c>alert_channels</c> (<c>_id</c> = channel name).</summary>
internal sealed class AlertChannelLeaseDocument
{
    [BsonId]
    public string Channel { get; set; } = string.Empty;

    public string? Owner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
