namespace SyncMonitor.Api.Common.MarketData;

/// <summary>Conversions into the stored units: market values in 亿元 (1e8 元), shares in 万股 (1e4 股).</summary>
public static class Units
{
    /// <summary>Tushare reports market values in 万元.</summary>
    public static double? WanYuanToYi(double? value) => value / 1e4;

    /// <summary>Eastmoney / AKShare report market values in 元.</summary>
    public static double? YuanToYi(double? value) => value / 1e8;

    public static double? SharesToWan(double? value) => value / 1e4;

    /// <summary>Sources send NaN/Infinity for "no value"; store null instead.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
