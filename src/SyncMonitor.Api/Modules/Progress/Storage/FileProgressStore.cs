using System.Text.Json;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Tasks;

namespace SyncMonitor.Api.Modules.Progress.Storage;

/// <summary><c>{DataDirectory}/progress/{task_id}.json</c>, each write a whole new file renamed over the old one,
/// so a reader (or a crash) sees the previous snapshot or the next, never half of one.</summary>
internal sealed class FileProgressStore(
    IOptions<ServiceOptions> service,
    IOptions<ProgressOptions> options,
    TimeProvider time,
    ILogger<FileProgressStore> logger)
{
    private const string TempSuffix = ".tmp";

    public string FolderPath { get; } = service.Value.DataPath("progress");

    public string PathFor(string taskId) => Path.Combine(FolderPath, TaskIdFormat.EnsureValid(taskId) + ".json");

    /// <summary>Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the disk refuses.</summary>
    public async Task SaveAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken)
    {
        var target = PathFor(snapshot.TaskId);
        Directory.CreateDirectory(FolderPath);
        // Dot-prefixed and not *.json, so readers and listings never take a half-written file for a snapshot.
        var temp = Path.Combine(FolderPath, $".{snapshot.TaskId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, snapshot, JsonSetup.Options, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The stored snapshot; null when there is none or it cannot be read.</summary>
    public async Task<TaskProgressSnapshot?> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        var path = PathFor(taskId);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            return await JsonSerializer.DeserializeAsync<TaskProgressSnapshot>(stream, JsonSetup.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            logger.LogWarning("Progress file for {TaskId} could not be read ({Error})", taskId, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Removes snapshots and abandoned temp files not written for longer than the TTL. Cheap: one listing.</summary>
    public int RemoveExpired()
    {
        if (!Directory.Exists(FolderPath))
        {
            return 0;
        }

        var cutoff = (time.GetUtcNow() - options.Value.Ttl).UtcDateTime;
        var removed = 0;
        try
        {
            foreach (var file in new DirectoryInfo(FolderPath).EnumerateFiles())
            {
                var ours = file.Name.EndsWith(".json", StringComparison.Ordinal) || file.Name.EndsWith(TempSuffix, StringComparison.Ordinal);
                if (ours && file.LastWriteTimeUtc < cutoff && TryDelete(file.FullName))
                {
                    removed++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cleanup is housekeeping: the next round tries again.
            logger.LogWarning("Progress folder could not be listed for cleanup ({Error})", ex.GetType().Name);
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} expired progress files", removed);
        }

        return removed;
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("Could not delete progress file {Path} ({Error})", Path.GetFileName(path), ex.GetType().Name);
            return false;
        }
    }
}
