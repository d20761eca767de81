namespace SyncMonitor.Api.Modules.Progress.Storage;

/// <summary>Redis when it is configured and answering, the file otherwise — switching on each write, so a run
/// that outlives a Redis outage moves to the file and back without losing a snapshot. Reads look at both and
/// return the newest, since either may hold the latest state after a switch.</summary>
internal sealed class FailoverProgressStore(
    RedisProgressStore redis,
    FileProgressStore files,
    ProgressMetrics metrics,
    ILogger<FailoverProgressStore> logger) : IProgressStore
{
    private const string RedisStore = ProgressStores.Redis;
    private const string FileStore = ProgressStores.File;

    // 1 while Redis is configured but writes go to the file; flips are logged and counted once each.
    private int _onFileFallback;
    private int _fileFailing;

    public async Task<bool> SaveAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (redis.Enabled)
        {
            var outcome = await redis.TrySaveAsync(snapshot);
            metrics.Write(RedisStore, outcome);
            if (outcome == ProgressWriteOutcome.Success)
            {
                if (Interlocked.Exchange(ref _onFileFallback, 0) == 1)
                {
                    logger.LogInformation("Redis is back: progress is written to Redis again");
                }

                return true;
            }

            if (Interlocked.Exchange(ref _onFileFallback, 1) == 0)
            {
                metrics.FellBackToFile();
                logger.LogWarning("Redis unavailable ({Outcome}): progress continues in {Folder}", outcome, files.FolderPath);
            }
        }

        return await SaveToFileAsync(snapshot, cancellationToken);
    }

    public async Task<TaskProgressSnapshot?> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        var fromRedis = redis.Enabled ? await redis.TryReadAsync(taskId) : null;
        var fromFile = await files.ReadAsync(taskId, cancellationToken);
        return SnapshotOrder.Newest(fromRedis, fromFile);
    }

    private async Task<bool> SaveToFileAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await files.SaveAsync(snapshot, cancellationToken);
            metrics.Write(FileStore, ProgressWriteOutcome.Success);
            Interlocked.Exchange(ref _fileFailing, 0);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            metrics.Write(FileStore, ProgressWriteOutcome.Error);
            if (Interlocked.Exchange(ref _fileFailing, 1) == 0)
            {
                logger.LogError("Progress could not be stored in {Folder} ({Error}); it is kept in memory and retried",
                    files.FolderPath, ex.GetType().Name);
            }

            return false;
        }
    }
}
