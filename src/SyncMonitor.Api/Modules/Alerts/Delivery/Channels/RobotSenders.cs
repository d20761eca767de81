using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>A DingTalk custom robot (自定义机器人): <c>msgtype: markdown</c> POSTed to its webhook URL. With a secret
/// (加签) each call is signed as the robot requires: <c>timestamp</c> (ms) + "\n" + secret, HMAC-SHA256 keyed with the
/// secret, Base64, URL-encoded, sent as the <c>timestamp</c> and <c>sign</c> query parameters.</summary>
internal sealed class DingTalkSender(IHttpClientFactory http, TimeProvider time) : IAlertChannelSender
{
    /// <summary>DingTalk accepts long markdown; kept well below its limit so a message is never refused for size.</summary>
    private const int MaxMarkdownBytes = 15_000;

    public AlertChannelType Type => AlertChannelType.DingTalk;

    public static string Sign(long timestampMs, string secret)
    {
        var stringToSign = timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
    }

    public async Task<ChannelReply> SendAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken cancellationToken)
    {
        var url = channel.Settings.Url!;
        if (!string.IsNullOrEmpty(channel.Settings.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?")
                + $"timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}&sign={Uri.EscapeDataString(Sign(timestamp, channel.Settings.Secret))}";
        }

        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = message.Subject, ["text"] = MarkdownLimit.Fit(message.Markdown, MaxMarkdownBytes, message.TruncatedMarker) },
        };
        using var response = await http.CreateClient(AlertChannelDispatcher.HttpClientName).PostAsJsonAsync(url, body, cancellationToken);
        return await RobotAnswer.ReadAsync(response, "DingTalk", cancellationToken);
    }
}

/// <summary>A WeCom group robot (企业微信群机器人): <c>msgtype: markdown</c> POSTed to its <c>send?key=</c> URL; the key
/// is the credential (no signature). Markdown content is limited to 4096 bytes.</summary>
internal sealed class WeComSender(IHttpClientFactory http) : IAlertChannelSender
{
    private const int MaxMarkdownBytes = 4096;

    public AlertChannelType Type => AlertChannelType.WeCom;

    public async Task<ChannelReply> SendAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = MarkdownLimit.Fit(message.Markdown, MaxMarkdownBytes, message.TruncatedMarker) },
        };
        using var response = await http.CreateClient(AlertChannelDispatcher.HttpClientName)
            .PostAsJsonAsync(channel.Settings.Url, body, cancellationToken);
        return await RobotAnswer.ReadAsync(response, "WeCom", cancellationToken);
    }
}

/// <summary>Keeps a robot's markdown within its byte limit (UTF-8), cutting at a character boundary.</summary>
internal static class MarkdownLimit
{
    public static string Fit(string markdown, int maxBytes, string? marker = null)
    {
        marker ??= AlertTexts.Truncated;
        if (Encoding.UTF8.GetByteCount(markdown) <= maxBytes)
        {
            return markdown;
        }

        var budget = maxBytes - Encoding.UTF8.GetByteCount(marker);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in markdown.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append(marker).ToString();
    }
}
