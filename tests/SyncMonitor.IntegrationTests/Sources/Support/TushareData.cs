namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>What Tushare holds for Friday 2024-11-15, in each endpoint's documented fields and units:
/// <list type="bullet">
/// <item><c>stock_basic</c> (doc_id=25): ts_code <c>000001.SZ</c>, symbol, name, area, industry, market
/// (主板/创业板/科创板/北交所), list_date <c>YYYYMMDD</c>, exchange (SSE/SZSE/BSE).</item>
/// <item><c>daily_basic</c> (doc_id=32): floats; total_share / float_share / free_share in 万股, total_mv / circ_mv in
/// 万元; pe and pe_ttm empty (null) for a loss-making company ("亏损的PE为空"); at most 6,000 rows a call.</item>
/// <item><c>trade_cal</c> (doc_id=26): exchange, cal_date, is_open, pretrade_date — all documented as <c>str</c>, so
/// is_open arrives as "0"/"1"; newest day first (assumed from the answers users print).</item>
/// </list></summary>
public static class TushareData
{
    public static Dictionary<string, (string[] Fields, List<object?[]> Rows)> All() => new(StringComparer.Ordinal)
    {
        ["stock_basic"] = (
            ["ts_code", "symbol", "name", "area", "industry", "market", "list_date", "exchange"],
            [
                ["000001.SZ", "000001", "平安银行", "深圳", "银行", "主板", "19910403", "SZSE"],
                ["300750.SZ", "300750", "宁德时代", "福建", "电气设备", "创业板", "20180611", "SZSE"],
                ["600000.SH", "600000", "浦发银行", "上海", "银行", "主板", "19991110", "SSE"],
                ["688981.SH", "688981", "中芯国际", "上海", "半导体", "科创板", "20200716", "SSE"],
                ["430047.BJ", "430047", "诺思兰德", "北京", "生物制药", "北交所", "20200727", "BSE"],
            ]),
        ["daily_basic"] = (
            ["ts_code", "trade_date", "close", "turnover_rate", "turnover_rate_f", "volume_ratio", "pe", "pe_ttm", "pb", "ps", "ps_ttm",
                "dv_ratio", "dv_ttm", "total_share", "float_share", "free_share", "total_mv", "circ_mv"],
            [
                ["000001.SZ", "20241115", 11.52, 0.6135, 0.8724, 0.85, 4.8762, 4.9215, 0.5312, 1.3078, 1.3421, 6.1632, 6.1632, 1940591.8198, 1940560.0, 1095600.1, 22355617.7641, 22355251.2],
                ["300750.SZ", "20241115", 262.5, 1.2042, 1.8312, 0.93, 25.6619, 23.1507, 5.2118, 3.1174, 2.8864, 1.9504, 1.9504, 440344.3, 389106.7, 250121.4, 115590378.75, 102140508.75],
                ["600000.SH", "20241115", 9.87, 0.3117, 0.6911, 0.78, 6.2571, 6.5102, 0.4251, 1.6003, 1.7325, 4.1743, 4.1743, 2935216.6, 2935216.6, 1324002.5, 28970587.84, 28970587.84],
                ["688981.SH", "20241115", 96.9, 2.5013, 4.8101, 1.02, 152.3348, 180.0214, 4.2137, 12.9912, 13.5511, null, null, 798511.4, 199074.2, 103514.6, 77375754.66, 19290296.0],
                ["430047.BJ", "20241115", 19.36, 3.8841, 6.1210, 1.21, null, null, 6.1025, 75.2406, 70.1133, null, null, 24985.6, 16331.0, 10412.9, 483721.22, 316168.2],
            ]),
        ["trade_cal"] = (
            ["exchange", "cal_date", "is_open", "pretrade_date"],
            [
                ["SSE", "20241117", "0", "20241115"], ["SSE", "20241116", "0", "20241115"], ["SSE", "20241115", "1", "20241114"],
                ["SSE", "20241114", "1", "20241113"], ["SSE", "20241113", "1", "20241112"], ["SSE", "20241112", "1", "20241111"],
                ["SSE", "20241111", "1", "20241108"],
            ]),
    };
}
