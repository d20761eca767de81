using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

/// <summary>Turns deliveries into messages: one event (what happened, since when, how often, the numbers, a
/// dashboard link), a digest of several, or a channel test. Times are shown in Beijing time.</summary>
internal sealed class AlertMessageComposer(IOptions<AlertsOptions> options, TimeProvider time)
{
    public const string DigestEvent = "digest";
    public const string TestEvent = "test";

    /// <summary>The operators' language (<c>Alerts:Language</c>): every word of every message in it.</summary>
    private AlertTexts AlertTexts => AlertTexts.For(options.Value.Language);

    private string? BaseUrl => string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');

    public AlertMessage Compose(string channel, IReadOnlyList<AlertDelivery> batch)
        => batch.Count == 1 ? Single(channel, batch[0]) : Digest(channel, batch);

    public AlertMessage Test(string channel)
    {
        var now = time.GetUtcNow();
        var id = MongoDB.Bson.ObjectId.GenerateNewId().ToString();
        var subject = $"[{AlertTexts.Product}] {AlertTexts.Test}{AlertTexts.Colon}{channel}";
        var body = AlertTexts.TestBody(channel);
        var link = BaseUrl is { } baseUrl ? baseUrl + "/" : null;
        var webhook = Envelope(TestEvent, id, channel, now);
        webhook["message"] = body;
        return new AlertMessage(id, TestEvent, AlertLevel.Low, subject,
            $"### {subject}\n\n{body}" + (link is null ? string.Empty : $"\n\n[{AlertTexts.ViewOnDashboard}]({link})"),
            body + (link is null ? string.Empty : $"\n\n{AlertTexts.ViewOnDashboard}{AlertTexts.Colon}{link}"),
            $"<p>{Html(body)}</p>" + (link is null ? string.Empty : $"<p><a href=\"{Html(link)}\">{AlertTexts.ViewOnDashboard}</a></p>"),
            webhook) { TruncatedMarker = AlertTexts.TruncatedMarker };
    }

    public string? LinkTo(string alertId) => BaseUrl is { } baseUrl ? $"{baseUrl}/?alert={Uri.EscapeDataString(alertId)}#alerts-panel" : null;

    private AlertMessage Single(string channel, AlertDelivery delivery)
    {
        var alert = delivery.Alert;
        var heading = $"{AlertTexts.EventName(delivery.Event)}{AlertTexts.Colon}{alert.Title}";
        var subject = AlertTexts.Subject(alert.Level, heading);
        var facts = Facts(delivery);
        var link = LinkTo(alert.Id);

        var markdown = new StringBuilder($"### {subject}\n\n");
        var text = new StringBuilder($"{subject}\n\n");
        var html = new StringBuilder($"<h3>{Html(subject)}</h3><ul>");
        foreach (var (name, value) in facts)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- **{name}**{AlertTexts.Colon}{value}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}{AlertTexts.Colon}{value}\n");
            html.Append(CultureInfo.InvariantCulture, $"<li><b>{Html(name)}</b>{AlertTexts.Colon}{Html(value)}</li>");
        }

        html.Append("</ul>");
        if (!string.IsNullOrWhiteSpace(alert.Message))
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n> {alert.Message.Replace("\n", "\n> ", StringComparison.Ordinal)}\n");
            text.Append(CultureInfo.InvariantCulture, $"\n{AlertTexts.Details}{AlertTexts.Colon}{alert.Message}\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{Html(alert.Message).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
        }

        if (link is not null)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n[{AlertTexts.ViewOnDashboard}]({link})\n");
            text.Append(CultureInfo.InvariantCulture, $"\n{AlertTexts.ViewOnDashboard}{AlertTexts.Colon}{link}\n");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html(link)}\">{AlertTexts.ViewOnDashboard}</a></p>");
        }

        var webhook = Envelope(AlertDeliveryNames.Of(delivery.Event), delivery.Id, channel, time.GetUtcNow());
        webhook["link"] = link;
        webhook["alert"] = JsonSerializer.SerializeToNode(alert, JsonSetup.Options);
        return new AlertMessage(delivery.Id, AlertDeliveryNames.Of(delivery.Event), alert.Level, subject,
            markdown.ToString(), text.ToString(), html.ToString(), webhook) { TruncatedMarker = AlertTexts.TruncatedMarker };
    }

    private AlertMessage Digest(string channel, IReadOnlyList<AlertDelivery> batch)
    {
        var level = batch.Max(d => d.Alert.Level);
        var subject = AlertTexts.Subject(level, $"{AlertTexts.Digest}{AlertTexts.Colon}{AlertTexts.DigestCount(batch.Count)}");
        var markdown = new StringBuilder($"### {subject}\n\n");
        var text = new StringBuilder($"{subject}\n\n");
        var html = new StringBuilder($"<h3>{Html(subject)}</h3><ul>");
        var events = new JsonArray();
        foreach (var delivery in batch)
        {
            var alert = delivery.Alert;
            var line = $"[{AlertTexts.LevelName(alert.Level)}] {AlertTexts.EventName(delivery.Event)}{AlertTexts.Colon}{alert.Title}"
                + AlertTexts.Paren($"{AlertTexts.Rule} {alert.Rule}{AlertTexts.Comma}{AlertTexts.Count} {AlertTexts.Times(alert.Count)}{AlertTexts.Comma}{AlertTexts.FirstSeen} {Beijing(alert.FirstSeen)}");
            markdown.Append(CultureInfo.InvariantCulture, $"- {line}\n");
            text.Append(CultureInfo.InvariantCulture, $"- {line}\n");
            html.Append(CultureInfo.InvariantCulture, $"<li>{Html(line)}</li>");
            events.Add(new JsonObject
            {
                ["event"] = AlertDeliveryNames.Of(delivery.Event),
                ["delivery_id"] = delivery.Id,
                ["link"] = LinkTo(alert.Id),
                ["alert"] = JsonSerializer.SerializeToNode(alert, JsonSetup.Options),
            });
        }

        html.Append("</ul>");
        if (BaseUrl is { } baseUrl)
        {
            var link = baseUrl + "/#alerts-panel";
            markdown.Append(CultureInfo.InvariantCulture, $"\n[{AlertTexts.ViewOnDashboard}]({link})\n");
            text.Append(CultureInfo.InvariantCulture, $"\n{AlertTexts.ViewOnDashboard}{AlertTexts.Colon}{link}\n");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html(link)}\">{AlertTexts.ViewOnDashboard}</a></p>");
        }

        var webhook = Envelope(DigestEvent, batch[0].Id, channel, time.GetUtcNow());
        webhook["events"] = events;
        return new AlertMessage(batch[0].Id, DigestEvent, level, subject, markdown.ToString(), text.ToString(), html.ToString(), webhook)
        {
            TruncatedMarker = AlertTexts.TruncatedMarker,
        };
    }

    private List<(string Name, string Value)> Facts(AlertDelivery delivery)
    {
        var alert = delivery.Alert;
        var end = delivery.Event == AlertEventKind.Resolved && alert.ResolvedAt is { } resolvedAt ? resolvedAt : delivery.CreatedAt;
        var facts = new List<(string, string)>
        {
            (AlertTexts.Rule, alert.Rule),
            (AlertTexts.Level, AlertTexts.LevelName(alert.Level)),
            (AlertTexts.Status, AlertTexts.StatusName(alert.Status)),
            (AlertTexts.FirstSeen, AlertTexts.SinceFor(Beijing(alert.FirstSeen), end - alert.FirstSeen)),
            (AlertTexts.LastSeen, Beijing(alert.LastSeen)),
            (AlertTexts.Count, AlertTexts.Times(alert.Count)),
        };
        if (alert.Labels.Count > 0)
        {
            facts.Add((AlertTexts.Labels, string.Join(AlertTexts.Comma, alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))));
        }

        if (delivery.Event == AlertEventKind.Resolved)
        {
            facts.Add((AlertTexts.ResolvedAt, Beijing(end)));
            facts.Add((AlertTexts.ResolvedBy, alert.ResolvedBy is null or AlertNames.AutoResolver ? AlertTexts.AutoResolved : alert.ResolvedBy));
        }

        return facts;
    }

    private static JsonObject Envelope(string @event, string id, string channel, DateTimeOffset now) => new()
    {
        ["event"] = @event,
        ["delivery_id"] = id,
        ["channel"] = channel,
        ["sent_at"] = now.ToString("O", CultureInfo.InvariantCulture),
    };

    private string Beijing(DateTimeOffset at)
        => AlertTexts.Beijing(TimeZoneInfo.ConvertTime(at, TradeDates.Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
