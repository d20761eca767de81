using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary>The synthetic A-share universe: about 5,000 codes over SH/SZ/BJ with names, industries, areas and
/// list dates, generated from a fixed seed so every process and every test sees the same stocks.</summary>
public static class DemoUniverse
{
    // (prefix, how many codes) — proportions resemble the real boards.
    private static readonly (string Prefix, int Count)[] Blocks =
    [
        ("600", 700), ("601", 280), ("603", 520), ("605", 110), ("688", 560),
        ("000", 440), ("001", 60), ("002", 930), ("300", 900), ("301", 300),
        ("430", 30), ("830", 60), ("831", 40), ("832", 20), ("833", 10), ("870", 20), ("871", 10), ("920", 20),
    ];

    private static readonly string[] Industries =
    [
        "银行", "证券", "保险", "白酒", "医药", "医疗器械", "半导体", "元器件", "软件服务", "通信设备",
        "汽车整车", "汽车配件", "电气设备", "新能源", "化工原料", "钢铁", "煤炭开采", "有色金属", "建筑工程", "房地产",
        "食品", "家用电器", "纺织服装", "传媒娱乐", "环境保护", "机械基件", "航空", "农业综合", "电力", "互联网",
    ];

    private static readonly string[] Areas =
    [
        "北京", "上海", "深圳", "广东", "浙江", "江苏", "山东", "福建", "四川", "湖北",
        "湖南", "安徽", "河南", "河北", "辽宁", "陕西", "重庆", "天津", "江西", "云南",
    ];

    private static readonly string[] NameHeads =
    [
        "华", "中", "东", "海", "金", "恒", "鑫", "天", "光", "新", "长", "万", "国", "宏", "瑞", "德", "信", "安", "汇", "嘉",
    ];

    private static readonly string[] NameTails =
    [
        "科技", "股份", "电子", "医药", "控股", "实业", "能源", "材料", "智能", "精工", "环境", "传媒", "食品", "药业", "信息", "重工",
    ];

    private static readonly string[] NameMiddles =
    [
        "泰", "源", "达", "通", "盛", "兴", "隆", "峰", "川", "联", "创", "远", "宇", "晟", "康", "凯", "腾", "航", "锦", "润",
    ];

    /// <summary>Every listing in code order.</summary>
    public static IReadOnlyList<DemoListing> Listings { get; } = Generate();

    private static List<DemoListing> Generate()
    {
        var listings = new List<DemoListing>(5100);
        foreach (var (prefix, count) in Blocks)
        {
            var random = new Random(Seed(prefix));
            var used = new HashSet<int>();
            while (used.Count < count)
            {
                used.Add(random.Next(0, 999)); // xxx999 is kept free for demo_alt's extra codes
            }

            foreach (var suffix in used.Order())
            {
                var digits = prefix + suffix.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
                listings.Add(Describe(StockCode.Parse(digits)));
            }
        }

        return listings;
    }

    private static DemoListing Describe(StockCode code)
    {
        var random = new Random(Seed(code.Code));
        var name = NameHeads[random.Next(NameHeads.Length)] + NameMiddles[random.Next(NameMiddles.Length)] + NameTails[random.Next(NameTails.Length)];
        var listed = new DateOnly(1991, 1, 1).AddDays(random.Next(0, 12_000));
        var totalShare = Math.Round(Math.Exp(random.NextDouble() * 6 + 8.5), 2); // ≈ 5,000 … 2,000,000 万股
        return new DemoListing(
            code,
            name,
            Industries[random.Next(Industries.Length)],
            Areas[random.Next(Areas.Length)],
            listed.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            BaseClose: Math.Round(2 + Math.Exp(random.NextDouble() * 5), 2),
            TotalShare: totalShare,
            FloatShare: Math.Round(totalShare * (0.3 + random.NextDouble() * 0.7), 2),
            BaseEarningsYield: 0.01 + random.NextDouble() * 0.09,
            BaseBookRatio: 0.5 + random.NextDouble() * 6,
            BaseSalesRatio: 0.3 + random.NextDouble() * 10);
    }

    /// <summary>A stable seed from text (string.GetHashCode is randomized per process).</summary>
    internal static int Seed(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & 0x7fffffff;
        }
    }
}

/// <summary>A synthetic stock's fixed attributes; daily values are derived from these per trade date.</summary>
public sealed record DemoListing(
    StockCode Code,
    string Name,
    string Industry,
    string Area,
    string ListDate,
    double BaseClose,
    double TotalShare,
    double FloatShare,
    double BaseEarningsYield,
    double BaseBookRatio,
    double BaseSalesRatio);
