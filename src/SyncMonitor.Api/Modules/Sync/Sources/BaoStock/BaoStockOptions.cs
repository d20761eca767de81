using System.ComponentModel.DataAnnotations;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary><c>Sources:baostock</c>: BaoStock's TCP service. Off unless <see cref="Enabled"/> is true.</summary>
public sealed class BaoStockOptions : SourceResilienceSettings
{
    public const string Section = "Sources:" + SourceNames.BaoStock;

    public bool Enabled { get; set; }

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[A-Za-z0-9.\-]+$", ErrorMessage = "Host must be a host name or IP address, without scheme or port.")]
    public string Host { get; set; } = "public-api.baostock.com";

    [Range(1, 65535)]
    public int Port { get; set; } = 10030;

    [Required(AllowEmptyStrings = false)]
    public string User { get; set; } = "anonymous";

    /// <summary>Redacted from messages unless the account is the public anonymous one.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "123456";

    /// <summary>Sent in every header; the server refuses versions it considers expired (error 10001004).</summary>
    [RegularExpression(@"^\d{2}\.\d\.\d{2}$", ErrorMessage = "ClientVersion must look like 00.9.10 (seven characters).")]
    public string ClientVersion { get; set; } = "00.9.10";

    /// <summary>Rows per page (the Python client's BAOSTOCK_PER_PAGE_COUNT).</summary>
    [Range(1, 10_000)]
    public int PerPageCount { get; set; } = 10_000;

    /// <summary>Largest response accepted, in bytes.</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    public bool IsAnonymous => string.Equals(User, "anonymous", StringComparison.Ordinal);
}
