using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.UnitTests.Sync;

public sealed class LatestRunCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingRuns _runs = new();

    private LatestRunCache Cache() => new(_runs, _time, new Monitor(new SyncOptions { StatusCacheMilliseconds = 1000 }));

    [Fact]
    public async Task Within_the_cache_time_readers_get_the_run_from_memory_and_after_it_one_reads_the_store()
    {
        var cache = Cache();

        await cache.GetAsync("stock_basics", CancellationToken.None);
        await cache.GetAsync("stock_basics", CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await cache.GetAsync("stock_basics", CancellationToken.None);
        _runs.Reads.Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _runs.Latest = _runs.Latest with { Status = SyncRunStatus.Success };
        (await cache.GetAsync("stock_basics", CancellationToken.None))!.Status.Should().Be(SyncRunStatus.Success);
        _runs.Reads.Should().Be(2);
    }

    [Fact]
    public async Task While_one_reader_refreshes_an_expired_entry_the_others_keep_the_previous_run()
    {
        var cache = Cache();
        await cache.GetAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        _runs.Gate = new TaskCompletionSource();

        var refreshing = cache.GetAsync(null, CancellationToken.None);
        var others = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetAsync(null, CancellationToken.None)));
        _runs.Gate.SetResult();
        await refreshing;

        others.Should().OnlyContain(r => r!.Status == SyncRunStatus.Running, "they got the previous value without waiting");
        _runs.Reads.Should().Be(2, "one refresh for 51 readers");
    }

    [Fact]
    public async Task Clearing_makes_the_next_reader_read_the_store()
    {
        var cache = Cache();
        await cache.GetAsync("stock_basics", CancellationToken.None);

        cache.Clear();
        await cache.GetAsync("stock_basics", CancellationToken.None);

        _runs.Reads.Should().Be(2);
    }

    private sealed class CountingRuns : ISyncRunStore
    {
        private int _reads;

        public int Reads => _reads;

        public TaskCompletionSource? Gate { get; set; }

        public SyncStats Latest { get; set; } = new()
        {
            Job = "stock_basics", TaskId = "t", TaskType = SyncTaskType.StockBasics, DataType = "stock_basic_info", Status = SyncRunStatus.Running,
        };

        public async Task<SyncStats?> GetLatestAsync(string? job, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return Latest;
        }

        public Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(IReadOnlyList<SyncStats> Items, long Total)> ListAsync(SyncRunQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task InsertAsync(SyncStats run, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(SyncStats run, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SyncStats>> FailOrphanedAsync(long belowFencingToken, string message, DateTimeOffset finishedAt, CancellationToken cancellationToken)
            => throw new NotSupportedException();
    }

    private sealed class Monitor(SyncOptions value) : IOptionsMonitor<SyncOptions>
    {
        public SyncOptions CurrentValue => value;

        public SyncOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SyncOptions, string?> listener) => null;
    }
}
