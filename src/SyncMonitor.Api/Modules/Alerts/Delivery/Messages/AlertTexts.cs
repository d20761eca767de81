namespace SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

/// <summary>Every operator-facing text of alert messages (email, DingTalk, WeCom), in Chinese, the operators'
/// language. Kept in this one place so they can be localized.</summary>
internal static class AlertTexts
{
    public const string Product = "SyncMonitor";
    public const string Digest = "告警汇总";
    public const string Test = "测试消息";
    public const string Rule = "规则";
    public const string Level = "级别";
    public const string Status = "状态";
    public const string FirstSeen = "首次出现";
    public const string LastSeen = "最近出现";
    public const string Count = "发生次数";
    public const string Labels = "标签";
    public const string Details = "详情";
    public const string ResolvedAt = "恢复时间";
    public const string ResolvedBy = "处理人";
    public const string AutoResolved = "条件已消失，自动恢复";
    public const string ViewOnDashboard = "在仪表盘查看";
    public const string Truncated = "…（内容过长，已截断）";
    public const string ShanghaiTime = "北京时间";

    public static string LevelName(AlertLevel level) => level switch
    {
        AlertLevel.Low => "低",
        AlertLevel.Medium => "中",
        AlertLevel.High => "高",
        _ => "严重",
    };

    public static string EventName(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Firing => "告警触发",
        AlertEventKind.Escalated => "告警升级",
        AlertEventKind.Repeated => "告警仍未恢复",
        _ => "告警已恢复",
    };

    public static string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.Firing => "触发中",
        AlertStatus.Acknowledged => "已确认",
        _ => "已解决",
    };

    public static string Lasting(TimeSpan span) => span < TimeSpan.FromMinutes(1)
        ? "不到 1 分钟"
        : span < TimeSpan.FromHours(1)
            ? $"{(int)span.TotalMinutes} 分钟"
            : span < TimeSpan.FromDays(1)
                ? $"{(int)span.TotalHours} 小时 {span.Minutes} 分钟"
                : $"{(int)span.TotalDays} 天 {span.Hours} 小时";

    public static string SinceFor(string since, TimeSpan lasting) => $"{since}（已持续 {Lasting(lasting)}）";

    public static string Times(long count) => $"{count} 次";

    public static string DigestCount(int count) => $"{count} 条";

    public static string DigestMore(int count) => $"…另有 {count} 条未列出，请在仪表盘查看";

    public static string TestBody(string channel) => $"这是一条来自 {Product} 的测试消息，用于确认告警通道 {channel} 配置正确。收到即表示通道可用。";

    public static string ChannelFailingTitle(string channel) => $"告警通道 {channel} 投递失败";

    public static string ChannelFailingMessage(string channel, int attempts, string error)
        => $"告警通道 {channel} 已连续 {attempts} 次投递失败，告警正在排队重试。最近一次错误：{error}";

    public static string Subject(AlertLevel level, string title) => $"[{Product}][{LevelName(level)}] {title}";
}
