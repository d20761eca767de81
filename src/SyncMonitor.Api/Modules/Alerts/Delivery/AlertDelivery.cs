using System.Text.Json;
using MongoDB.Bson;
using SyncMonitor.Api.Common.Json;

namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>What happened to an alert that people are told about.</summary>
public enum AlertEventKind
{
    /// <summary>First announcement.</summary>
    Firing,

    /// <summary>Announced again because its level rose.</summary>
    Escalated,

    /// <summary>Announced again after <c>Alerts:RepeatIntervalMinutes</c> while still firing.</summary>
    Repeated,

    Resolved,
}

/// <summary><c>pending</c> (never tried), <c>retrying</c> (failed, tried again later), <c>delivered</c>, <c>failed</c>
/// (gave up after <c>Alerts:Delivery:MaxAttempts</c>).</summary>
public enum AlertDeliveryStatus
{
    Pending,
    Retrying,
    Delivered,
    Failed,
}

/// <summary>One event for one channel in the outbox (<c>alert_deliveries</c>), with the alert as it was when the
/// event happened.</summary>
internal sealed record AlertDelivery
{
    public required string Id { get; init; }

    public required string AlertId { get; init; }

    public required string Channel { get; init; }

    public required AlertChannelType ChannelType { get; init; }

    public required AlertEventKind Event { get; init; }

    public required Alert Alert { get; init; }

    public required AlertDeliveryStatus Status { get; init; }

    public required int Attempts { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The message that carried it: its own id, or the first event's id when it went out in a digest.</summary>
    public string? MessageId { get; init; }

    public static AlertDelivery Draft(AlertChannelConfig channel, Alert alert, AlertEventKind kind, DateTimeOffset at) => new()
    {
        Id = ObjectId.GenerateNewId().ToString(),
        AlertId = alert.Id,
        Channel = channel.Name,
        ChannelType = channel.Type,
        Event = kind,
        Alert = alert,
        Status = AlertDeliveryStatus.Pending,
        Attempts = 0,
        CreatedAt = at,
        NextAttemptAt = at,
    };

    public AlertDeliveryView ToView() => new(Id, Channel, AlertChannelNames.Of(ChannelType), Event, Status, Attempts, LastError,
        CreatedAt, LastAttemptAt, Status is AlertDeliveryStatus.Pending or AlertDeliveryStatus.Retrying ? NextAttemptAt : null, DeliveredAt);
}

/// <summary>A delivery as an alert's detail lists it.</summary>
public sealed record AlertDeliveryView(
    string Id,
    string Channel,
    string Type,
    AlertEventKind Event,
    AlertDeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <summary>Stored names of events and statuses, and the alert snapshot's JSON (the API's shape).</summary>
internal static class AlertDeliveryNames
{
    public static string Of(AlertEventKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static string Of(AlertDeliveryStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static AlertEventKind ParseEvent(string value) => Enum.GetValues<AlertEventKind>().First(k => Of(k) == value);

    public static AlertDeliveryStatus ParseStatus(string value) => Enum.GetValues<AlertDeliveryStatus>().First(s => Of(s) == value);

    public static AlertChannelType ParseType(string value)
        => AlertChannelNames.TryParseType(value, out var type) ? type : throw new FormatException($"Unknown channel type '{value}'.");

    public static string Serialize(Alert alert) => JsonSerializer.Serialize(alert, JsonSetup.Options);

    public static Alert Deserialize(string json) => JsonSerializer.Deserialize<Alert>(json, JsonSetup.Options)
        ?? throw new FormatException("An alert snapshot is empty.");
}

/// <summary>Builds an event's deliveries: one per enabled channel whose level and rules accept it. A resolution goes
/// only where the alert was announced (at the level it was announced with); <c>channel_failing</c> never goes to
/// the channel it is about.</summary>
internal sealed class AlertDeliveryPlanner(AlertChannelCatalog channels)
{
    public static readonly AlertDeliveryPlan None = (_, _, _) => [];

    public IReadOnlyList<AlertDelivery> Plan(Alert alert, AlertEventKind kind, DateTimeOffset at)
    {
        if (kind == AlertEventKind.Resolved && alert.LastNotifiedAt is null)
        {
            return [];
        }

        var level = kind == AlertEventKind.Resolved ? alert.LastNotifiedLevel ?? alert.Level : alert.Level;
        var about = alert.Rule == AlertRules.ChannelFailing ? alert.Labels.GetValueOrDefault(ChannelFailingAlerts.ChannelLabel) : null;
        return channels.Enabled
            .Where(c => c.Accepts(alert.Rule, level) && !string.Equals(c.Name, about, StringComparison.OrdinalIgnoreCase))
            .Select(c => AlertDelivery.Draft(c, alert, kind, at))
            .ToList();
    }
}

/// <summary>Given the alert as the event leaves it, the deliveries to write in the same step.</summary>
internal delegate IReadOnlyList<AlertDelivery> AlertDeliveryPlan(Alert alert, AlertEventKind kind, DateTimeOffset at);
