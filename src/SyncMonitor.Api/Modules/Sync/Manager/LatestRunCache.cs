using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Manager;

/// <summary>The latest stored run per set of jobs, kept in memory for <c>Sync:StatusCacheMilliseconds</c>, so status
/// polling (the SPA polls every 5 s; dashboards and scripts by the hundred) costs no store read per request. Runs of
/// this process clear it when they start and end, so here it is never stale; runs of other instances show within that
/// time. When an entry expires, one reader refreshes it and concurrent readers keep the previous value meanwhile, so
/// hundreds of pollers never reach the store at once. The refresh is not tied to the request that started it (an
/// aborted request does not abort it), and a refresh that fails lets the next reader try again: an entry is never
/// older than the cache period plus one store read, whatever fails. A refresh that started before a clear does not
/// put back what it read.</summary>
public sealed class LatestRunCache(ISyncRunStore runs, TimeProvider time, IOptionsMonitor<SyncOptions> options)
{
    private const string AnyJob = "*";
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public async Task<SyncStats?> GetAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken)
    {
        var key = jobs is null ? AnyJob : string.Join(",", jobs);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry))
        {
            if (now - entry.ReadAt < options.CurrentValue.StatusCache || !entry.TryStartRefresh())
            {
                return entry.Run; // fresh, or another reader is refreshing it right now
            }
        }

        return await RefreshAsync(key, jobs, entry, now).WaitAsync(cancellationToken);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private async Task<SyncStats?> RefreshAsync(string key, IReadOnlyCollection<string>? jobs, Entry? previous, DateTimeOffset readAt)
    {
        var generation = Interlocked.Read(ref _generation);
        try
        {
            var run = await runs.GetLatestAsync(jobs, CancellationToken.None);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _entries[key] = new Entry(run, readAt);
            }

            return run;
        }
        finally
        {
            previous?.EndRefresh(); // on failure the next reader refreshes; on success the entry was replaced anyway
        }
    }

    private sealed class Entry(SyncStats? run, DateTimeOffset readAt)
    {
        private int _refreshing;

        public SyncStats? Run { get; } = run;

        public DateTimeOffset ReadAt { get; } = readAt;

        /// <summary>True for exactly one caller at a time: the one that reads the store again.</summary>
        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void EndRefresh() => Interlocked.Exchange(ref _refreshing, 0);
    }
}
