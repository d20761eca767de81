using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>A generic webhook: the event as JSON (the API's alert shape inside an envelope). Headers say what it is
/// (<c>X-SyncMonitor-Event</c>, <c>X-SyncMonitor-Delivery</c> — the id a receiver deduplicates on). With a secret,
/// <c>X-SyncMonitor-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c> and
/// <c>X-SyncMonitor-Timestamp</c> (Unix seconds) let the receiver verify origin and freshness. Any 2xx is delivered.</summary>
internal sealed class WebhookSender(IHttpClientFactory http, TimeProvider time) : IAlertChannelSender
{
    public const string EventHeader = "X-SyncMonitor-Event";
    public const string DeliveryHeader = "X-SyncMonitor-Delivery";
    public const string TimestampHeader = "X-SyncMonitor-Timestamp";
    public const string SignatureHeader = "X-SyncMonitor-Signature";

    public AlertChannelType Type => AlertChannelType.Webhook;

    public static string Sign(string secret, string timestamp, string body)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    public async Task<ChannelReply> SendAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken cancellationToken)
    {
        var body = message.Webhook.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Settings.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(EventHeader, message.Event);
        request.Headers.Add(DeliveryHeader, message.Id);
        if (!string.IsNullOrEmpty(channel.Settings.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(channel.Settings.Secret, timestamp, body));
        }

        using var response = await http.CreateClient(AlertChannelDispatcher.HttpClientName).SendAsync(request, cancellationToken);
        var reply = $"HTTP {(int)response.StatusCode} {RobotAnswer.Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}";
        return response.IsSuccessStatusCode
            ? new ChannelReply(true, reply, null)
            : ChannelReply.Failed($"webhook answered HTTP {(int)response.StatusCode}", reply);
    }
}
