using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>A DingTalk custom robot as its documentation describes it. The webhook is
/// <c>/robot/send?access_token=…</c>; with 加签 the call must carry <c>timestamp</c> (ms, within an hour of the
/// robot's clock) and <c>sign</c> = Base64(HMAC-SHA256(key: secret, data: timestamp + "\n" + secret)), URL-encoded —
/// computed here on its own, not with the service's code. Answers (HTTP 200 always): success
/// <c>{"errcode":0,"errmsg":"ok"}</c>; a failed security check <c>{"errcode":310000,"errmsg":"sign not match"}</c>
/// (as quoted in a Tencent Cloud developer article on the robot); more than 20 messages a minute
/// <c>{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}</c> (quoted in ccfos/nightingale#369);
/// an unknown token <c>{"errcode":300001,"errmsg":"token is not exist"}</c> (timonwong/prometheus-webhook-dingtalk#91).</summary>
public sealed class DingTalkRobot
{
    public const string Path = "/robot/send";
    public const int PerMinute = 20;

    private readonly ConcurrentQueue<DateTimeOffset> _accepted = new();

    public DingTalkRobot(string accessToken, string? secret)
    {
        AccessToken = accessToken;
        Secret = secret;
    }

    public string AccessToken { get; }

    public string? Secret { get; }

    public ConcurrentQueue<string> Rejections { get; } = new();

    public string WebhookUrl(ChannelReceiver receiver) => $"{receiver.BaseUrl}{Path}?access_token={AccessToken}";

    public static string ExpectedSign(string timestamp, string secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
    }

    public ReceiverAnswer Answer(ReceivedRequest request)
    {
        if (request.Path != Path || request.Query.GetValueOrDefault("access_token") != AccessToken)
        {
            return Reject(300001, "token is not exist");
        }

        if (Secret is not null)
        {
            var timestamp = request.Query.GetValueOrDefault("timestamp") ?? string.Empty;
            var fresh = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ms) < TimeSpan.FromHours(1).TotalMilliseconds;
            // The query value arrives URL-decoded, as the robot compares it.
            if (!fresh || request.Query.GetValueOrDefault("sign") != ExpectedSign(timestamp, Secret))
            {
                return Reject(310000, "sign not match");
            }
        }

        var body = request.Json;
        if (body.GetProperty("msgtype").GetString() != "markdown"
            || string.IsNullOrEmpty(body.GetProperty("markdown").GetProperty("title").GetString())
            || string.IsNullOrEmpty(body.GetProperty("markdown").GetProperty("text").GetString()))
        {
            return Reject(40035, "缺少参数 json");
        }

        var now = DateTimeOffset.UtcNow;
        if (_accepted.Count(t => now - t < TimeSpan.FromMinutes(1)) >= PerMinute)
        {
            return Reject(130101, "send too fast, exceed 20 times per minute");
        }

        _accepted.Enqueue(now);
        return ReceiverAnswer.Ok("""{"errcode":0,"errmsg":"ok"}""");
    }

    private ReceiverAnswer Reject(int code, string message)
    {
        Rejections.Enqueue($"{code}");
        return new ReceiverAnswer(200, JsonSerializer.Serialize(new { errcode = code, errmsg = message }), Accepted: false);
    }
}

/// <summary>A WeCom group robot as its documentation describes it: <c>/cgi-bin/webhook/send?key=…</c>, body
/// <c>{"msgtype":"markdown","markdown":{"content":…}}</c> with content at most 4096 bytes; at most 20 messages a
/// minute. Answers (HTTP 200): <c>{"errcode":0,"errmsg":"ok"}</c>; rate limit <c>{"errcode":45009,"errmsg":"api freq
/// out of limit, hint: […]"}</c> (as quoted in WecomTeam/wecom-openclaw-plugin#48); a wrong key
/// <c>{"errcode":93000,"errmsg":"invalid webhook url, hint: […]"}</c>; content too long 40058.</summary>
public sealed class WeComRobot(string key)
{
    public const string Path = "/cgi-bin/webhook/send";
    public const int PerMinute = 20;

    private readonly ConcurrentQueue<DateTimeOffset> _accepted = new();

    public string Key { get; } = key;

    public string WebhookUrl(ChannelReceiver receiver) => $"{receiver.BaseUrl}{Path}?key={Key}";

    public ReceiverAnswer Answer(ReceivedRequest request)
    {
        if (request.Path != Path || request.Query.GetValueOrDefault("key") != Key)
        {
            return Reject(93000, "invalid webhook url, hint: [1700000000_1_abc]");
        }

        var body = request.Json;
        var content = body.GetProperty("msgtype").GetString() == "markdown" ? body.GetProperty("markdown").GetProperty("content").GetString() : null;
        if (string.IsNullOrEmpty(content) || Encoding.UTF8.GetByteCount(content) > 4096)
        {
            return Reject(40058, "markdown.content exceed max length 4096. invalid Request Parameter, hint: [1700000000_1_abc]");
        }

        var now = DateTimeOffset.UtcNow;
        if (_accepted.Count(t => now - t < TimeSpan.FromMinutes(1)) >= PerMinute)
        {
            return Reject(45009, "api freq out of limit, hint: [1700000000_1_abc], more info at https://open.work.weixin.qq.com/devtool/query?e=45009");
        }

        _accepted.Enqueue(now);
        return ReceiverAnswer.Ok("""{"errcode":0,"errmsg":"ok"}""");
    }

    private static ReceiverAnswer Reject(int code, string message)
        => new(200, JsonSerializer.Serialize(new { errcode = code, errmsg = message }), Accepted: false);
}
