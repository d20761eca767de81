namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>This host's identity as a lease owner: host name, process id and a per-host suffix (two hosts in one
/// process — as in tests — are still two owners).</summary>
public sealed class SyncInstance
{
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
