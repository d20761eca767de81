using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>Tushare Pro's HTTP API as it answers (tushare.pro/document/1?doc_id=130 "通过HTTP调取数据": POST a JSON body
/// <c>{api_name, token, params, fields}</c>; the answer is <c>{request_id, code, msg, data: {fields, items, has_more}}</c>
/// with rows as arrays in <c>fields</c> order). Serves the datasets of <see cref="TushareData"/>: only the requested fields
/// it has, filtered by the params the source sends, paged by <c>limit</c>/<c>offset</c> with <c>has_more</c>.
/// Refusals use the codes and msgs users report from the live API (<see cref="TushareAnswers"/>).</summary>
public sealed class FakeTushareService(string token)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>api_name → its dataset. A test may drop a field or add rows.</summary>
    public Dictionary<string, (string[] Fields, List<object?[]> Rows)> Apis { get; } = TushareData.All();

    /// <summary>Endpoints this token has no points for (40203 没有接口访问权限).</summary>
    public HashSet<string> WithoutPermission { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls allowed per endpoint before the per-minute limit answers (never resets: tests run within a minute).</summary>
    public int? PerMinuteLimit { get; set; }

    public FakeResponse Answer(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        var api = root.GetProperty("api_name").GetString()!;
        if (root.GetProperty("token").GetString() != token)
        {
            return FakeResponse.Json(TushareAnswers.InvalidToken);
        }

        if (WithoutPermission.Contains(api))
        {
            return FakeResponse.Json(TushareAnswers.NoPermission);
        }

        var calls = _calls.AddOrUpdate(api, 1, (_, n) => n + 1);
        if (calls > PerMinuteLimit)
        {
            return FakeResponse.Json(TushareAnswers.PerMinuteLimit(PerMinuteLimit.Value));
        }

        var (fields, rows) = Apis[api];
        var parameters = root.GetProperty("params");
        var wanted = root.GetProperty("fields").GetString()!.Split(',').Where(f => fields.Contains(f)).ToArray();
        var matching = rows.Where(row => Matches(fields, row, parameters)).ToList();
        var offset = parameters.TryGetProperty("offset", out var o) ? o.GetInt32() : 0;
        var limit = parameters.TryGetProperty("limit", out var l) ? l.GetInt32() : int.MaxValue;
        var page = matching.Skip(offset).Take(limit).Select(row => wanted.Select(f => row[Array.IndexOf(fields, f)]).ToArray()).ToList();
        return FakeResponse.Json(TushareAnswers.Data(wanted, page, hasMore: offset + page.Count < matching.Count));
    }

    private static bool Matches(string[] fields, object?[] row, JsonElement parameters)
    {
        string? Cell(string field) => Array.IndexOf(fields, field) is var i and >= 0 ? row[i]?.ToString() : null;
        string? Param(string name) => parameters.TryGetProperty(name, out var value) ? value.GetString() : null;
        return (Param("trade_date") is not { } date || Cell("trade_date") == date)
            && (Param("start_date") is not { } start || string.CompareOrdinal(Cell("cal_date"), start) >= 0)
            && (Param("end_date") is not { } end || string.CompareOrdinal(Cell("cal_date"), end) <= 0);
    }
}

/// <summary>Tushare answers. The envelope is the documented one; the error codes and msgs are those the live API gives,
/// as users quote them (no official error table is published): 40101 <c>您的token不对，请确认。</c>; 40203
/// <c>抱歉，您每分钟最多访问该接口N次，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。</c> (waditu/tushare#1229)
/// and 40203 <c>抱歉，您没有接口访问权限，权限的具体详情访问：…doc_id=108。</c> (waditu/tushare#1844, #160 of
/// TradingAgents-CN); the HTTP page documents <c>2002</c> as "权限问题".</summary>
public static class TushareAnswers
{
    private const string PointsPage = "权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。";

    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string InvalidToken => Error(40101, "您的token不对，请确认。");

    public static string NoPermission => Error(40203, "抱歉，您没有接口访问权限，" + PointsPage);

    public static string PerMinuteLimit(int perMinute) => Error(40203, $"抱歉，您每分钟最多访问该接口{perMinute}次，" + PointsPage);

    public static string DailyLimit(int perDay) => Error(40203, $"抱歉，您每天最多访问该接口{perDay}次，" + PointsPage);

    /// <summary>An error carries no data (assumed <c>null</c>, as every quoted error body shows).</summary>
    public static string Error(int code, string msg)
        => new JsonObject { ["request_id"] = RequestId(), ["code"] = code, ["msg"] = msg, ["data"] = null }.ToJsonString(Raw);

    public static string Data(string[] fields, IReadOnlyList<object?[]> items, bool hasMore)
        => JsonSerializer.Serialize(new
        {
            request_id = RequestId(),
            code = 0,
            msg = string.Empty,
            data = new { fields, items, has_more = hasMore },
        }, Raw);

    private static string RequestId() => Guid.NewGuid().ToString("N");
}
