using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs.Retention;

/// <summary>Removes entries stored more than <see cref="OperationLogOptions.RetentionDays"/> days ago. On SQLite
/// this is the retention; on Mongo the TTL index already does it and this only catches what it has not reached yet.</summary>
public sealed partial class OperationLogRetention(
    IOperationLogStore store,
    IOptions<OperationLogOptions> options,
    TimeProvider time,
    ILogger<OperationLogRetention> logger)
{
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var removed = await store.DeleteCreatedBeforeAsync(cutoff, cancellationToken);
        LogRemoved(logger, removed, cutoff);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operation-log retention removed {Removed} entries stored before {Cutoff:O}")]
    private static partial void LogRemoved(ILogger logger, long removed, DateTimeOffset cutoff);
}
