using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

/// <summary>Every operator-facing word of alert messages (email, DingTalk, WeCom) in one language: the operators'
/// (<c>Alerts:Language</c>, zh-CN unless set to <c>en</c>). Kept in this one place, Chinese and English side by side.</summary>
internal sealed class AlertTexts(CultureInfo culture)
{
    public const string Product = "SyncMonitor";

    /// <summary>The zh-CN truncation marker (the default language's).</summary>
    public const string Truncated = "…（内容过长，已截断）";

    public static AlertTexts Chinese { get; } = new(LocalizationModule.DefaultCulture);

    public static AlertTexts English { get; } = new(CultureInfo.GetCultureInfo(LocalizationModule.English));

    private bool IsEnglish { get; } = culture.TwoLetterISOLanguageName == "en";

    public CultureInfo Culture => culture;

    public string Digest => Pick("告警汇总", "Alert digest");
    public string Test => Pick("测试消息", "Test message");
    public string Rule => Pick("规则", "Rule");
    public string Level => Pick("级别", "Level");
    public string Status => Pick("状态", "Status");
    public string FirstSeen => Pick("首次出现", "First seen");
    public string LastSeen => Pick("最近出现", "Last seen");
    public string Count => Pick("发生次数", "Occurrences");
    public string Labels => Pick("标签", "Labels");
    public string Details => Pick("详情", "Details");
    public string ResolvedAt => Pick("恢复时间", "Resolved at");
    public string ResolvedBy => Pick("处理人", "Resolved by");
    public string AutoResolved => Pick("条件已消失，自动恢复", "condition cleared, resolved automatically");
    public string ViewOnDashboard => Pick("在仪表盘查看", "View on the dashboard");
    public string TruncatedMarker => Pick(Truncated, "… (too long, cut)");
    public string ShanghaiTime => Pick("北京时间", "Beijing time");

    /// <summary>Between a name and its value: a full-width colon in Chinese, ": " in English.</summary>
    public string Colon => Pick("：", ": ");

    /// <summary>Between list items: a full-width comma in Chinese, ", " in English.</summary>
    public string Comma => Pick("，", ", ");

    public static AlertTexts For(string? language) => LocalizationModule.Resolve(language).TwoLetterISOLanguageName == "en" ? English : Chinese;

    public string LevelName(AlertLevel level) => level switch
    {
        AlertLevel.Low => Pick("低", "low"),
        AlertLevel.Medium => Pick("中", "medium"),
        AlertLevel.High => Pick("高", "high"),
        _ => Pick("严重", "critical"),
    };

    public string EventName(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Firing => Pick("告警触发", "Alert firing"),
        AlertEventKind.Escalated => Pick("告警升级", "Alert escalated"),
        AlertEventKind.Repeated => Pick("告警仍未恢复", "Alert still firing"),
        _ => Pick("告警已恢复", "Alert resolved"),
    };

    public string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.Firing => Pick("触发中", "firing"),
        AlertStatus.Acknowledged => Pick("已确认", "acknowledged"),
        _ => Pick("已解决", "resolved"),
    };

    public string Lasting(TimeSpan span) => span < TimeSpan.FromMinutes(1)
        ? Pick("不到 1 分钟", "under a minute")
        : span < TimeSpan.FromHours(1)
            ? Format("{0} 分钟", "{0} min", (int)span.TotalMinutes)
            : span < TimeSpan.FromDays(1)
                ? Format("{0} 小时 {1} 分钟", "{0} h {1} min", (int)span.TotalHours, span.Minutes)
                : Format("{0} 天 {1} 小时", "{0} d {1} h", (int)span.TotalDays, span.Hours);

    public string SinceFor(string since, TimeSpan lasting) => Format("{0}（已持续 {1}）", "{0} (lasting {1})", since, Lasting(lasting));

    public string Times(long count) => Format("{0} 次", "{0} times", count);

    public string DigestCount(int count) => Format("{0} 条", "{0} alerts", count);

    public string DigestMore(int count) => Format("…另有 {0} 条未列出，请在仪表盘查看", "… {0} more not listed; see the dashboard", count);

    public string TestBody(string channel) => Format(
        "这是一条来自 {0} 的测试消息，用于确认告警通道 {1} 配置正确。收到即表示通道可用。",
        "This is a test message from {0} to confirm that alert channel {1} is configured correctly. Receiving it means the channel works.",
        Product, channel);

    /// <summary>An aside: <c>（…）</c> in Chinese, <c> (…)</c> in English.</summary>
    public string Paren(string text) => Format("（{0}）", " ({0})", text);

    public string Subject(AlertLevel level, string title) => $"[{Product}][{LevelName(level)}] {title}";

    /// <summary>An alert's time in Beijing time, e.g. <c>2025-03-03 16:00:00（北京时间）</c>.</summary>
    public string Beijing(string time) => Format("{0}（北京时间）", "{0} (Beijing time)", time);

    private string Pick(string chinese, string english) => IsEnglish ? english : chinese;

    private string Format(string chinese, string english, params object?[] args)
        => string.Format(CultureInfo.InvariantCulture, Pick(chinese, english), args);
}
