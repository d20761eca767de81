using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>The <c>OperationLogs</c> configuration section.</summary>
public sealed class OperationLogOptions
{
    public const string Section = "OperationLogs";

    /// <summary>Whether the middleware audits requests. Reading, manual entries and retention work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Entries waiting for the writer; beyond it entries are dropped and counted, never blocking a request.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Entries the writer stores in one batch at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the writer waits for a batch to fill after its first entry.</summary>
    [Range(1, 60_000)]
    public int FlushIntervalMs { get; set; } = 200;

    /// <summary>Entries older than this (by <c>created_at</c>) are removed: TTL index (Mongo), daily job (SQLite).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Proxies (IPs or CIDRs) whose <c>X-Forwarded-For</c> is believed for the client IP; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Minimum time between two warnings/alerts about dropped entries.</summary>
    [Range(1, 86_400)]
    public int DropReportIntervalSeconds { get; set; } = 60;
}

/// <summary>Rejects a trusted proxy that is neither an IP address nor a CIDR range.</summary>
internal sealed class OperationLogOptionsValidator : IValidateOptions<OperationLogOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationLogOptions options)
    {
        var bad = options.TrustedProxies
            .Where(entry => !IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            .Select(entry => $"OperationLogs:TrustedProxies: '{entry}' is neither an IP address nor a CIDR range.")
            .ToList();
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}
