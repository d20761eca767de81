using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SyncMonitor.Api.Common.MarketData;

public enum Exchange
{
    SH,
    SZ,
    BJ,
}

/// <summary>An A-share code in every form the sources use — <c>000001</c>, <c>000001.SZ</c>, <c>sz.000001</c>,
/// <c>SZ000001</c>, <c>sz000001</c> — normalized to code, exchange, full symbol and board.</summary>
public sealed partial record StockCode(string Code, Exchange Exchange)
{
    public string FullSymbol => $"{Code}.{Exchange}";

    /// <summary>Board name stored as <c>market</c>.</summary>
    public string Board => Code switch
    {
        _ when Code.StartsWith("688", StringComparison.Ordinal) || Code.StartsWith("689", StringComparison.Ordinal) => "科创板",
        _ when Code.StartsWith("300", StringComparison.Ordinal) || Code.StartsWith("301", StringComparison.Ordinal) => "创业板",
        _ when Exchange == Exchange.BJ => "北交所",
        _ => "主板",
    };

    /// <summary>Exchange name stored as <c>sse</c>.</summary>
    public string ExchangeName => Exchange switch
    {
        Exchange.SH => "上海证券交易所",
        Exchange.SZ => "深圳证券交易所",
        _ => "北京证券交易所",
    };

    public static StockCode Parse(string input)
        => TryParse(input, out var code) ? code : throw new FormatException($"'{input}' is not an A-share code.");

    public static bool TryParse([NotNullWhen(true)] string? input, [NotNullWhen(true)] out StockCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var match = CodeForms().Match(input.Trim());
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["digits"].Value;
        var explicitExchange = match.Groups["pre"].Success ? match.Groups["pre"].Value : match.Groups["post"].Value;
        Exchange? exchange = explicitExchange.Length > 0
            ? Enum.Parse<Exchange>(explicitExchange, ignoreCase: true)
            : InferExchange(digits);
        if (exchange is null)
        {
            return false;
        }

        code = new StockCode(digits, exchange.Value);
        return true;
    }

    /// <summary>Exchange by prefix: 60x/68x/900 → SH; 00x/30x/200 → SZ; 4xx/8xx/920 → BJ.</summary>
    public static Exchange? InferExchange(string digits) => digits switch
    {
        _ when digits.StartsWith("92", StringComparison.Ordinal) => Exchange.BJ,
        _ when digits[0] == '6' || digits.StartsWith("900", StringComparison.Ordinal) => Exchange.SH,
        _ when digits[0] is '0' or '3' || digits.StartsWith("200", StringComparison.Ordinal) => Exchange.SZ,
        _ when digits[0] is '4' or '8' => Exchange.BJ,
        _ => null,
    };

    public override string ToString() => FullSymbol;

    [GeneratedRegex(@"^(?:(?<pre>sh|sz|bj)\.?)?(?<digits>\d{6})(?:\.(?<post>sh|sz|bj))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeForms();
}
