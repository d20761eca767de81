using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncMonitor.Api.Common.Errors;

/// <summary>Per-field validation messages in the request's language. Endpoints write them in English, the catalog's
/// message ids (as gettext does); for a Chinese answer each is matched against the templates below and written in
/// Chinese with the same field names, values and codes. Field names, enum values and formats (<c>YYYY-MM-DD</c>) are
/// never translated. A message no template knows stays as written (the gap shows; add its template here).</summary>
internal static partial class ValidationMessages
{
    private static readonly (Regex Pattern, string Chinese)[] Catalog =
    [
        (R(@"^(?<f>\S+) must be between (?<a>\S+) and today \((?<t>\S+), Asia/Shanghai\)\.$"), "{f} 必须在 {a} 到今天（{t}，北京时间）之间。"),
        (R(@"^(?<f>\S+) must be an integer between (?<a>-?\d+) and (?<b>-?\d+)\.$"), "{f} 必须是 {a} 到 {b} 之间的整数。"),
        (R(@"^(?<f>\S+) must be between (?<a>-?\d+) and (?<b>-?\d+)\.$"), "{f} 必须在 {a} 到 {b} 之间。"),
        (R(@"^(?<f>\S+) must be one of (?<v>.+?) \(or (?<e>.+)\)\.$"), "{f} 必须是以下之一：{v}（或 {e}）。"),
        (R(@"^(?<f>\S+) must be one of:? (?<v>.+?)\.$"), "{f} 必须是以下之一：{v}。"),
        (R(@"^(?<f>\S+) must be a whole number\.$"), "{f} 必须是整数。"),
        (R(@"^(?<f>\S+) must be a number\.$"), "{f} 必须是数字。"),
        (R(@"^(?<f>\S+) must be an ISO-8601 time\.$"), "{f} 必须是 ISO-8601 时间。"),
        (R(@"^(?<f>\S+) must be a date \(YYYY-MM-DD\)\.$"), "{f} 必须是日期（YYYY-MM-DD）。"),
        (R(@"^(?<f>\S+) must be a date \(YYYY-MM-DD\) or an ISO-8601 time\.$"), "{f} 必须是日期（YYYY-MM-DD）或 ISO-8601 时间。"),
        (R(@"^(?<f>\S+) must be a date in the form YYYY-MM-DD\.$"), "{f} 必须是 YYYY-MM-DD 格式的日期。"),
        (R(@"^(?<f>\S+) must be an id\.$"), "{f} 必须是一个 ID。"),
        (R(@"^(?<f>\S+) must be (?<x>[\w-]+) or (?<y>[\w-]+)\.$"), "{f} 必须是 {x} 或 {y}。"),
        (R(@"^(?<f>\S+) must not be after (?<g>\S+)\.$"), "{f} 不能晚于 {g}。"),
        (R(@"^(?<f>\S+) is required as YYYY-MM-DD\.$"), "缺少 {f}（格式 YYYY-MM-DD）。"),
        (R(@"^(?<f>\S+) is required\.$"), "缺少 {f}。"),
        (R(@"^(?<f>\S+) must be at most (?<n>\d+) printable characters\.$"), "{f} 最多 {n} 个可打印字符。"),
        (R(@"^(?<f>\S+) must be at most (?<n>\d+) characters\.$"), "{f} 最多 {n} 个字符。"),
        (R(@"^(?<f>\S+) must be at most (?<n>\d+) characters as JSON\.$"), "{f} 序列化为 JSON 后最多 {n} 个字符。"),
        (R(@"^(?<f>\S+) is required and must be at most (?<n>\d+) characters\.$"), "缺少 {f}，且最多 {n} 个字符。"),
        (R(@"^(?<f>\S+) must be valid Unicode text.*$"), "{f} 必须是有效的 Unicode 文本（例如不能有不成对的 \\ud800）。"),
        (R(@"^The range (may cover at most|must not exceed) (?<n>\d+) days\.$"), "日期范围最多 {n} 天。"),
        (R(@"^A JSON body is required for this endpoint\.$"), "此接口需要 JSON 请求体。"),
        (R(@"^The request body is not valid JSON\.$"), "请求体不是有效的 JSON。"),
        (R(@"^The request body must be a JSON object with the documented fields\.$"), "请求体必须是包含文档所列字段的 JSON 对象。"),
        (R(@"^(?<f>\S+) has a value of the wrong type: .*$"), "{f} 的值类型错误：数字不加引号，文本加引号，开关用 true 或 false。"),
        (R(@"^(?<f>\S+): a key appears more than once; send each key once\.$"), "{f}：有重复的键，每个键只能出现一次。"),
        (R(@"^The request could not be read\.$"), "无法读取请求。"),
        (R(@"^task_id must be 1-80 characters of .*$"), "task_id 必须是 1-80 个字符（A-Z、a-z、0-9、'_' 或 '-'），以字母或数字开头。"),
        (R(@"^(?<f>\S+) must be (?<n>\d+) hexadecimal digits\.$"), "{f} 必须是 {n} 位十六进制数字。"),
        (R(@"^Unknown source '(?<s>.*)'\. Known sources: (?<k>.+)\.$"), "未知数据源 '{s}'。已知数据源：{k}。"),
        (R(@"^Source '(?<s>.*)' is not enabled; configure it under (?<c>\S+)\.$"), "数据源 '{s}' 未启用；请在 {c} 下配置。"),
        (R(@"^(?<f>\S+) \(a source name\) is required\.$"), "缺少 {f}（数据源名称）。"),
        (R(@"^primary and secondary must be two different sources\.$"), "primary 和 secondary 必须是两个不同的数据源。"),
        (R(@"^At most (?<n>\d+) codes per request; got (?<m>\d+)\.$"), "每次请求最多 {n} 个代码；收到 {m} 个。"),
        (R(@"^Not A-share codes: (?<c>.+) \(use .+\)\.$"), "不是 A 股代码：{c}（请用 000001、000001.SZ 或 sz.000001）。"),
        (R(@"^(?<f>\S+) is empty; leave it out to use every code\.$"), "{f} 为空；不传则使用全部代码。"),
        (R(@"^code must be an A-share code such as .*$"), "code 必须是 A 股代码，例如 000001、000001.SZ、sz.000001 或 SZ000001。"),
        (R(@"^sort must be code, total_mv, circ_mv, pe or pb.*$"), "sort 必须是 code、total_mv、circ_mv、pe 或 pb，可加前缀 -（降序）或后缀 :asc / :desc。"),
        (R(@"^Give either start_date/end_date or run_ids, not both\.$"), "start_date/end_date 与 run_ids 只能二选一。"),
        (R(@"^Give start_date and end_date \(YYYY-MM-DD\), or run_ids\.$"), "请提供 start_date 和 end_date（YYYY-MM-DD），或 run_ids。"),
        (R(@"^At most (?<n>\d+) run ids per compensation\.$"), "每次补偿最多 {n} 个任务 ID。"),
        (R(@"^Give either days \(.*\) or before \(.*\), not both\.$"), "days（保留最近 N 天）与 before（日期或 ISO-8601 时间）只能二选一。"),
        (R(@"^A JSON body \{primary, secondary, codes\?\} is required\.$"), "需要 JSON 请求体 {primary, secondary, codes?}。"),
        (R(@"^A report id is 24 lowercase hex digits\.$"), "报告 ID 是 24 位小写十六进制数字。"),
        (R(@"^action_type is required: .*$"), "缺少 action_type：1-50 个字符（a-z、0-9、'_'、'.' 或 '-'），以字母开头。"),
        (R(@"^No such run: (?<i>[^.]+?) and (?<m>\d+) more\.$"), "没有这些任务：{i} 等（另有 {m} 个）。"),
        (R(@"^No such run: (?<i>[^.]+)\.$"), "没有这些任务：{i}。"),
        (R(@"^Not a daily run \(jobs (?<j>[^)]+)\): (?<i>[^.]+?) and (?<m>\d+) more\.$"), "不是日线同步任务（任务类型 {j}）：{i} 等（另有 {m} 个）。"),
        (R(@"^Not a daily run \(jobs (?<j>[^)]+)\): (?<i>[^.]+)\.$"), "不是日线同步任务（任务类型 {j}）：{i}。"),
        (R(@"^Still running: (?<i>[^.]+?) and (?<m>\d+) more\.$"), "仍在运行：{i} 等（另有 {m} 个）。"),
        (R(@"^Still running: (?<i>[^.]+)\.$"), "仍在运行：{i}。"),
        (R(@"^strategy must be one of primary, secondary, average, investigate.*$"), "strategy 必须是 primary、secondary、average、investigate 之一（不传则按每只股票的建议处理）。"),
    ];

    /// <summary>The message in <paramref name="culture"/>: English as written, Chinese from the catalog.</summary>
    public static string In(CultureInfo culture, string message)
    {
        if (culture.TwoLetterISOLanguageName != "zh")
        {
            return message;
        }

        if (Translate(message) is { } whole)
        {
            return whole;
        }

        // A message of several sentences (one per kind of problem) is written sentence by sentence, if all are known.
        var sentences = SentenceBreak().Split(message);
        var translated = sentences.Length > 1 ? sentences.Select(Translate).ToArray() : [];
        return translated.Length > 1 && translated.All(s => s is not null) ? string.Concat(translated) : message;
    }

    private static string? Translate(string message)
    {
        foreach (var (pattern, chinese) in Catalog)
        {
            var match = pattern.Match(message);
            if (match.Success)
            {
                return Placeholder().Replace(chinese, m => match.Groups[m.Groups[1].Value] is { Success: true } g ? g.Value : m.Value);
            }
        }

        return null;
    }

    /// <summary>A validation problem's per-field messages and its detail (their sentences joined) in <paramref name="culture"/>.</summary>
    public static void Localize(HttpValidationProblemDetails problem, CultureInfo culture)
    {
        var detail = problem.Detail;
        foreach (var (field, messages) in problem.Errors.ToList())
        {
            var localized = messages.Select(m => In(culture, m)).ToArray();
            for (var i = 0; i < messages.Length; i++)
            {
                detail = detail?.Replace(messages[i], localized[i], StringComparison.Ordinal);
            }

            problem.Errors[field] = localized;
        }

        problem.Detail = detail is null ? null : In(culture, detail);
    }

    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));

    [GeneratedRegex(@"\{(\w)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<=\.) (?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}
