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

        await cache.GetAsync(["stock_basics"], CancellationToken.None);
        await cache.GetAsync(["stock_basics"], CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await cache.GetAsync(["stock_basics"], CancellationToken.None);
        _runs.Reads.Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _runs.Latest = _runs.Latest with { Status = SyncRunStatus.Success };
        (await cache.GetAsync(["stock_basics"], CancellationToken.None))!.Status.Should().Be(SyncRunStatus.Success);
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
        await cache.GetAsync(["stock_basics"], CancellationToken.None);

        cache.Clear();
        await cache.GetAsync(["stock_basics"], CancellationToken.None);

        _runs.Reads.Should().Be(2);
    }

    /// <summary>Issue 13 item 2: a refresh that fails must not freeze the entry — the next reader reads the store.</summary>
    [Fact]
    public async Task After_a_failed_refresh_the_next_reader_refreshes_again()
    {
        var cache = Cache();
        await cache.GetAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        _runs.Failure = new InvalidOperationException("store down");

        var failed = () => cache.GetAsync(null, CancellationToken.None);
        await failed.Should().ThrowAsync<InvalidOperationException>();
        _runs.Failure = null;
        _runs.Latest = _runs.Latest with { TaskId = "other-instance", Status = SyncRunStatus.Success };

        (await cache.GetAsync(null, CancellationToken.None))!.TaskId.Should().Be("other-instance");
    }

    /// <summary>Issue 13 item 2: the request that happens to refresh is aborted; the refresh goes on without it and
    /// later readers get its result (before, the read was cancelled and the entry stayed frozen).</summary>
    [Fact]
    public async Task An_aborted_request_does_not_abort_the_refresh_it_started()
    {
        var cache = Cache();
        await cache.GetAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        _runs.Gate = new TaskCompletionSource();
        using var aborted = new CancellationTokenSource();

        var reading = cache.GetAsync(null, aborted.Token);
        await aborted.CancelAsync();
        var abort = () => reading;
        await abort.Should().ThrowAsync<OperationCanceledException>();
        _runs.Latest = _runs.Latest with { TaskId = "other-instance", Status = SyncRunStatus.Success };
        _runs.Gate.SetResult();

        await Eventually.HoldsAsync(async () => (await cache.GetAsync(null, CancellationToken.None))!.TaskId == "other-instance",
            "the refresh the aborted request started completed and later readers see its result", seconds: 10);
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

        /// <summary>When set, reads fail with it (the store is down).</summary>
        public Exception? Failure { get; set; }

        public async Task<SyncStats?> GetLatestAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken); // a real store read is cancelled with its token
            }

            return Failure is { } failure ? throw failure : Latest;
        }

        public Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(IReadOnlyList<SyncStats> Items, long Total)> ListAsync(SyncRunQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task InsertAsync(SyncStats run, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> FinishAsync(SyncStats final, HeldLease? release, CancellationToken cancellationToken) => throw new NotSupportedException();

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
