namespace SyncMonitor.Api.Common.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string; empty means no Redis (file fallback, in-process SignalR).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
