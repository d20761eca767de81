using System.Globalization;
using System.Text.Json;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>DingTalk and WeCom robots answer HTTP 200 with <c>{"errcode":0,"errmsg":"ok"}</c> on success and a non-zero
/// <c>errcode</c> otherwise (DingTalk 310000: security check failed, e.g. a bad signature; 130101: more than 20
/// messages a minute; WeCom 45009: rate limit; 93000: invalid webhook URL).</summary>
internal static class RobotAnswer
{
    public static async Task<ChannelReply> ReadAsync(HttpResponseMessage response, string robot, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var reply = $"HTTP {(int)response.StatusCode} {Truncate(body)}";
        if (!response.IsSuccessStatusCode)
        {
            return ChannelReply.Failed($"{robot} answered HTTP {(int)response.StatusCode}", reply);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var code = json.RootElement.TryGetProperty("errcode", out var errcode) && errcode.TryGetInt64(out var parsed) ? parsed : (long?)null;
            var message = json.RootElement.TryGetProperty("errmsg", out var errmsg) ? errmsg.ToString() : string.Empty;
            return code == 0
                ? new ChannelReply(true, reply, null)
                : ChannelReply.Failed($"{robot} errcode {code?.ToString(CultureInfo.InvariantCulture) ?? "missing"}: {message}", reply);
        }
        catch (JsonException)
        {
            return ChannelReply.Failed($"{robot} answered something that is not its JSON reply", reply);
        }
    }

    public static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
