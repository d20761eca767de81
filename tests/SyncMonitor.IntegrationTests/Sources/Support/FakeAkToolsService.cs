using System.Text.Encodings.Web;
using System.Text.Json;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>An AKTools server as <c>aktools/core/api.py</c> answers <c>GET /api/public/{item_id}</c>: the AKShare
/// function's DataFrame as <c>to_json(orient="records", date_format="iso")</c> — one object per row with every column,
/// NaN as <c>null</c>, dates as <c>2024-11-15T00:00:00.000</c> — sent through FastAPI's JSONResponse (UTF-8, Chinese
/// unescaped). An unknown function is a 404 with AKTools' own <c>{"error": "未找到该接口，…"}</c>.</summary>
public sealed class FakeAkToolsService
{
    public const string UnknownFunction = "未找到该接口，请升级 AKShare 到最新版本并在文档中确认该接口的使用方式：https://akshare.akfamily.xyz";

    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The snapshot's rows; <see cref="AkShareSpot.Renamed"/> / <see cref="AkShareSpot.Without"/> make the
    /// layouts of other AKShare releases.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Spot { get; set; } = AkShareSpot.Current;

    public IReadOnlyList<string> TradeDates { get; set; } = AkShareSpot.SinaTradeDates;

    public FakeResponse Answer(RecordedRequest request) => request.Path switch
    {
        "/api/public/stock_zh_a_spot_em" => FakeResponse.Json(JsonSerializer.Serialize(Spot, Raw)),
        "/api/public/tool_trade_date_hist_sina" => FakeResponse.Json(JsonSerializer.Serialize(
            TradeDates.Select(date => new Dictionary<string, object?> { ["trade_date"] = date + "T00:00:00.000" }), Raw)),
        _ => FakeResponse.Json(404, JsonSerializer.Serialize(new { error = UnknownFunction }, Raw)),
    };
}

/// <summary><c>stock_zh_a_spot_em</c> for 2024-11-15 in AKShare's current columns and order
/// (<c>akshare/stock_feature/stock_hist_em.py</c>; units per <c>docs/data/stock/stock.md</c>: 成交量 in 手, 成交额 /
/// 总市值 / 流通市值 in 元, 涨跌幅 / 换手率 in %). A suspended stock (000004) has null prices and market values,
/// as <c>pd.to_numeric(errors="coerce")</c> leaves them NaN.</summary>
public static class AkShareSpot
{
    public static readonly string[] Columns =
    [
        "序号", "代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅", "最高", "最低", "今开", "昨收", "量比", "换手率",
        "市盈率-动态", "市净率", "总市值", "流通市值", "涨速", "5分钟涨跌", "60日涨跌幅", "年初至今涨跌幅",
    ];

    public static readonly IReadOnlyList<IReadOnlyDictionary<string, object?>> Current =
    [
        Row(1, "000001", "平安银行", 11.52, 0.61, 0.07, 1190563.0, 1371503512.0, 1.75, 11.6, 11.4, 11.45, 11.45, 0.85, 0.61, 4.88, 0.53, 223556177641.0, 223552512000.0, 0.0, 0.09, 11.52, 22.47),
        Row(2, "300750", "宁德时代", 262.5, -1.46, -3.9, 152103.0, 4005237760.0, 2.93, 268.8, 261.0, 266.0, 266.4, 0.93, 0.39, 23.15, 5.21, 1155903787500.0, 1021405087500.0, -0.04, -0.15, 47.55, 58.93),
        Row(3, "600000", "浦发银行", 9.87, -0.3, -0.03, 914918.0, 903245100.0, 1.41, 9.95, 9.81, 9.9, 9.9, 0.78, 0.31, 6.26, 0.43, 289705878400.0, 289705878400.0, 0.1, 0.0, 23.99, 49.55),
        Row(4, "688981", "中芯国际", 96.9, -3.96, -4.0, 497928.0, 4862180352.0, 4.67, 100.3, 95.59, 99.0, 100.9, 1.02, 2.5, 152.33, 4.21, 773757546600.0, 192902959800.0, -0.05, -0.31, 88.96, 140.15),
        Row(5, "430047", "诺思兰德", 19.36, 2.22, 0.42, 63430.0, 121932416.0, 6.18, 19.8, 18.63, 18.9, 18.94, 1.21, 3.88, null, 6.1, 4837212160.0, 3161681600.0, 0.0, 0.1, 56.13, -1.83),
        Row(6, "000004", "国华网安", null, null, null, null, null, null, null, null, null, 14.87, null, null, -38.46, 7.6, null, null, null, null, 8.16, -20.5),
    ];

    /// <summary>Sina's calendar: every trade day of 2024 Q4, the last being 2024-12-31 (the function's documented range ends
    /// with the current year).</summary>
    public static readonly IReadOnlyList<string> SinaTradeDates = Enumerable.Range(0, 92)
        .Select(d => new DateOnly(2024, 10, 1).AddDays(d))
        .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d >= new DateOnly(2024, 10, 8))
        .Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    /// <summary>The snapshot with one column under another name (e.g. Eastmoney's own title 市盈率(动态)).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Renamed(string column, string to)
        => Current.Select(row => (IReadOnlyDictionary<string, object?>)row.ToDictionary(kv => kv.Key == column ? to : kv.Key, kv => kv.Value)).ToList();

    /// <summary>The snapshot without some columns (AKShare before 1.6.9 had no 总市值, 流通市值, 涨速, 5分钟涨跌, 60日涨跌幅,
    /// 年初至今涨跌幅: its stock_em_hist.py of 2021-06 stops at 市净率).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Without(params string[] columns)
        => Current.Select(row => (IReadOnlyDictionary<string, object?>)row.Where(kv => !columns.Contains(kv.Key)).ToDictionary()).ToList();

    private static IReadOnlyDictionary<string, object?> Row(params object?[] values)
        => Columns.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second);
}
