using System.ComponentModel.DataAnnotations;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary><c>Sources:tushare</c>. The source is enabled when a token is set and <see cref="Enabled"/> is not false.</summary>
public sealed class TushareOptions : SourceResilienceSettings
{
    public const string Section = "Sources:" + SourceNames.Tushare;

    public bool Enabled { get; set; } = true;

    /// <summary>The Tushare Pro token. A secret: it travels only in the POST body and is redacted everywhere else.</summary>
    public string? Token { get; set; }

    [Required(AllowEmptyStrings = false)]
    [AbsoluteUrl]
    public string BaseUrl { get; set; } = "http://api.tushare.pro";

    /// <summary>Rows asked for per request (<c>limit</c>); further pages follow <c>has_more</c> with <c>offset</c>.</summary>
    [Range(100, 10_000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>After a per-minute limit (40203 <c>每分钟最多访问该接口N次</c>): how many more tries, and the pause before
    /// each, before the failure goes to the caller, which falls back to the next source.</summary>
    [Range(0, 3)]
    public int RateLimitRetries { get; set; } = 1;

    [Range(0.0, 120.0)]
    public double RateLimitBackoffSeconds { get; set; } = 3;

    public bool IsEnabled => Enabled && !string.IsNullOrWhiteSpace(Token);
}
