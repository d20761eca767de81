using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Redis;
using SyncMonitor.Api.Common.Tasks;

namespace SyncMonitor.Api.Modules.Progress.Storage;

/// <summary>One key per task, <c>syncmonitor:progress:{task_id}</c>, written with a single SET … EX so the value
/// and its TTL land together. Every call answers "unavailable" instead of throwing when Redis is down.</summary>
internal sealed class RedisProgressStore(RedisConnection redis, IOptions<ProgressOptions> options, ILogger<RedisProgressStore> logger)
{
    public const string KeyPrefix = "syncmonitor:progress:";

    public bool Enabled => redis.Enabled;

    public static RedisKey KeyFor(string taskId) => KeyPrefix + TaskIdFormat.EnsureValid(taskId);

    public async Task<string> TrySaveAsync(TaskProgressSnapshot snapshot)
    {
        var key = KeyFor(snapshot.TaskId);
        var database = await redis.TryGetDatabaseAsync();
        if (database is null)
        {
            return ProgressWriteOutcome.Unavailable;
        }

        try
        {
            var json = JsonSerializer.Serialize(snapshot, JsonSetup.Options);
            await database.StringSetAsync(key, json, options.Value.Ttl);
            return ProgressWriteOutcome.Success;
        }
        catch (Exception ex) when (IsRedisTrouble(ex))
        {
            logger.LogDebug("Progress write to Redis failed for {TaskId} ({Error})", snapshot.TaskId, ex.GetType().Name);
            return ProgressWriteOutcome.Error;
        }
    }

    /// <summary>The stored snapshot; null when missing, unreadable, or Redis is down.</summary>
    public async Task<TaskProgressSnapshot?> TryReadAsync(string taskId)
    {
        var key = KeyFor(taskId);
        var database = await redis.TryGetDatabaseAsync();
        if (database is null)
        {
            return null;
        }

        try
        {
            var value = await database.StringGetAsync(key);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<TaskProgressSnapshot>(value.ToString(), JsonSetup.Options);
        }
        catch (Exception ex) when (IsRedisTrouble(ex) || ex is JsonException)
        {
            logger.LogDebug("Progress read from Redis failed for {TaskId} ({Error})", taskId, ex.GetType().Name);
            return null;
        }
    }

    // RedisTimeoutException derives from TimeoutException, not RedisException; a disposed multiplexer at
    // shutdown is the same "not reachable now".
    private static bool IsRedisTrouble(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;
}
