using System.Collections.Concurrent;
using System.Globalization;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>What the public BaoStock server answers, for the queries the source sends, in frames built by
/// <see cref="BaoStockFrames"/>: login (type 00 → 01), logout (02 → 03), <c>query_stock_basic</c> (45 → 46) and
/// <c>query_trade_dates</c> (33 → 34) paged by the request's <c>cur_page</c>/<c>per_page</c> and echoing both, and any
/// other message type answered with the type-04 error <c>10004020 错误的消息类型</c> on the same connection.
/// <see cref="Fault"/> lets a test replace one answer (a 04 error on page 2, a bad CRC, silence).</summary>
public sealed class FakeBaoStockService(IReadOnlyList<string[]> stockBasic, IReadOnlyList<string[]>? tradeDates = null)
{
    /// <summary>Captured answer timestamps are <c>yyyyMMddHHmmssfff</c> (login: 20260422163759563).</summary>
    public const string Timestamp = "20241115120000123";

    /// <summary>The field lists as captured: with a space after each comma.</summary>
    public const string StockBasicFields = "code, code_name, ipoDate, outDate, type, status";
    public const string TradeDateFields = "calendar_date, is_trading_day";

    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);

    public string User { get; init; } = "anonymous";

    public string Password { get; init; } = "123456";

    /// <summary>Asked first; a reply other than null replaces the regular answer.</summary>
    public Func<BaoStockRequest, BaoStockReply?>? Fault { get; set; }

    /// <summary>Answers the first request that <paramref name="matches"/> with <paramref name="frame"/>, every other normally.</summary>
    public void FailOnce(Func<BaoStockRequest, bool> matches, byte[] frame)
    {
        var failed = 0;
        Fault = request => matches(request) && Interlocked.Exchange(ref failed, 1) == 0 ? BaoStockReply.Frame(frame) : null;
    }

    /// <summary>How many regular answers each method got (login, query_stock_basic, …).</summary>
    public int Answered(string method) => _answered.GetValueOrDefault(method);

    public BaoStockReply Answer(BaoStockRequest request)
    {
        if (Fault?.Invoke(request) is { } fault)
        {
            return fault;
        }

        _answered.AddOrUpdate(request.Method, 1, (_, n) => n + 1);
        return BaoStockReply.Frame(request.MessageType switch
        {
            "00" => Login(request),
            "02" => BaoStockFrames.Frame("03", BaoStockFrames.LogoutBody(request.Fields[1], Timestamp)),
            "45" => Page(request, "46", stockBasic, [request.Fields[4], request.Fields[5]], StockBasicFields),
            "33" => Page(request, "34", TradeDatesBetween(request.Fields[4], request.Fields[5]), [request.Fields[4], request.Fields[5]], TradeDateFields),
            _ => BaoStockFrames.Error("10004020", "错误的消息类型"),
        });
    }

    /// <summary>A refused login answers in the login's own type with the error code first — how the Python client's
    /// <c>login()</c> reads it (assumed: no refused login was captured); 10001002 用户名或密码错误 per <c>contants.py</c>.</summary>
    private byte[] Login(BaoStockRequest request)
        => request.Fields[1] == User && request.Fields[2] == Password
            ? BaoStockFrames.Frame("01", BaoStockFrames.LoginBody(request.Fields[1], Timestamp))
            : BaoStockFrames.Frame("01", BaoStockFrames.Join("10001002", "用户名或密码错误", "login", request.Fields[1]));

    private static byte[] Page(BaoStockRequest request, string type, IReadOnlyList<string[]> all, string[] arguments, string fields)
    {
        var rows = all.Skip((request.Page - 1) * request.PerPage).Take(request.PerPage).ToList();
        return BaoStockFrames.Frame(type, BaoStockFrames.QueryBody(request.Method, request.Fields[1], request.Page, request.PerPage, rows, arguments, fields));
    }

    private IReadOnlyList<string[]> TradeDatesBetween(string start, string end)
        => (tradeDates ?? []).Where(d => string.CompareOrdinal(d[0], start) >= 0 && string.CompareOrdinal(d[0], end) <= 0).ToList();
}

/// <summary><c>query_stock_basic</c> rows (code, code_name, ipoDate, outDate, type, status). BaoStock's documentation of
/// the query: type 1 股票, 2 指数, 3 其它, 4 可转债, 5 ETF; status 1 上市, 0 退市.</summary>
public static class BaoStockUniverse
{
    /// <summary>Listed A-shares with their Chinese names, next to what the list also holds and a source must skip.</summary>
    public static readonly IReadOnlyList<string[]> Sample =
    [
        ["sh.000001", "上证综合指数", "1991-07-15", "", "2", "1"],
        ["sh.510050", "上证50ETF", "2005-02-23", "", "5", "1"],
        ["sh.600000", "浦发银行", "1999-11-10", "", "1", "1"],
        ["sh.600087", "退市长油", "1997-06-12", "2014-06-05", "1", "0"],
        ["sh.600519", "贵州茅台", "2001-08-27", "", "1", "1"],
        ["sh.688981", "中芯国际", "2020-07-16", "", "1", "1"],
        ["sh.113050", "南银转债", "2021-07-05", "", "4", "1"],
        ["sz.000001", "平安银行", "1991-04-03", "", "1", "1"],
        ["sz.000002", "万科A", "1991-01-29", "", "1", "1"],
        ["sz.300750", "宁德时代", "2018-06-11", "", "1", "1"],
        ["sz.399001", "深证成份指数", "1994-07-20", "", "2", "1"],
    ];

    public static readonly IReadOnlyList<string> ListedCodes = ["600000", "600519", "688981", "000001", "000002", "300750"];

    /// <summary>A whole-market sized list of <paramref name="count"/> (at most 10,000) listed stocks with Chinese names,
    /// codes from sh.600000 up, then from sz.000001 up.</summary>
    public static IReadOnlyList<string[]> Market(int count)
        => Enumerable.Range(0, count)
            .Select(i => new[]
            {
                i < 5000 ? $"sh.{600000 + i:D6}" : $"sz.{i - 4999:D6}",
                (i < 5000 ? "沪市股票" : "深市股票") + (i % 100).ToString("D2", CultureInfo.InvariantCulture),
                "2001-01-01", "", "1", "1",
            })
            .ToArray();

    /// <summary><c>query_trade_dates</c> rows (calendar_date, is_trading_day) for the weeks around <paramref name="day"/>,
    /// weekdays open — for runs that ask for "the latest trade day" on the real clock.</summary>
    public static IReadOnlyList<string[]> WeekdaysAround(DateOnly day)
        => Enumerable.Range(-45, 50)
            .Select(offset => day.AddDays(offset))
            .Select(d => new[] { d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "0" : "1" })
            .ToArray();

    /// <summary>The week of 2024-11-11 (a Monday) to 2024-11-17.</summary>
    public static readonly IReadOnlyList<string[]> TradeDates =
    [
        ["2024-11-11", "1"], ["2024-11-12", "1"], ["2024-11-13", "1"], ["2024-11-14", "1"],
        ["2024-11-15", "1"], ["2024-11-16", "0"], ["2024-11-17", "0"],
    ];
}
