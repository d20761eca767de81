using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The latest stored run per job, kept in memory for <c>Sync:StatusCacheMilliseconds</c>, so status polling
/// (the SPA polls every 5 s; dashboards and scripts by the hundred) costs no store read per request. Runs of this
/// process clear it when they start and end, so here it is never stale; runs of other instances show within that
/// time. When an entry expires, one reader refreshes it and concurrent readers keep the previous value meanwhile,
/// so hundreds of pollers never reach the store at once.</summary>
public sealed class LatestRunCache(ISyncRunStore runs, TimeProvider time, IOptionsMonitor<SyncOptions> options)
{
    private const string AnyJob = "*";
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<SyncStats?> GetAsync(string? job, CancellationToken cancellationToken)
    {
        var key = job ?? AnyJob;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry))
        {
            if (now - entry.ReadAt < options.CurrentValue.StatusCache || !entry.TryStartRefresh())
            {
                return entry.Run; // fresh, or another reader is refreshing it right now
            }
        }

        var run = await runs.GetLatestAsync(job, cancellationToken);
        _entries[key] = new Entry(run, now);
        return run;
    }

    public void Clear() => _entries.Clear();

    private sealed class Entry(SyncStats? run, DateTimeOffset readAt)
    {
        private int _refreshing;

        public SyncStats? Run { get; } = run;

        public DateTimeOffset ReadAt { get; } = readAt;

        /// <summary>True for exactly one caller per entry: the one that reads the store again.</summary>
        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;
    }
}
