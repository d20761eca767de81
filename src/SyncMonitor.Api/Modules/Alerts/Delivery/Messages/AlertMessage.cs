using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

/// <summary>One outgoing message in every form a channel may need: email subject and bodies, robot markdown, and
/// the webhook's JSON. <see cref="Id"/> is the delivery id (a digest: its first delivery's id; a test: a new id).</summary>
internal sealed record AlertMessage(
    string Id,
    string Event,
    AlertLevel Level,
    string Subject,
    string Markdown,
    string Text,
    string Html,
    JsonObject Webhook)
{
    /// <summary>What a robot appends when it must cut the markdown, in the message's language.</summary>
    public string TruncatedMarker { get; init; } = AlertTexts.Truncated;
}
