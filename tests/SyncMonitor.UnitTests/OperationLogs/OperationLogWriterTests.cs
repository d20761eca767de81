using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogWriterTests
{
    private readonly FakeTimeProvider _time = new(Fakes.T0);
    private readonly FakeOperationLogStore _store = new();

    private (OperationLogQueue Queue, OperationLogWriter Writer) Create(int batchSize = 3, int flushMs = 200, int capacity = 100)
    {
        var options = new OperationLogOptions { BatchSize = batchSize, FlushIntervalMs = flushMs, QueueCapacity = capacity };
        var queue = Fakes.Queue(options);
        var writer = new OperationLogWriter(queue, _store, Options.Create(options), _time,
            new OperationLogMetrics(Fakes.Meters()), NullLogger<OperationLogWriter>.Instance);
        return (queue, writer);
    }

    [Fact]
    public async Task A_full_batch_is_written_at_once_without_waiting_for_the_interval()
    {
        var (queue, writer) = Create(batchSize: 3);
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            queue.TryEnqueue(Fakes.Entry(i)).Should().BeTrue();
        }

        await Fakes.PollAsync(() => _store.Count == 3);
        _store.Batches.Should().ContainSingle().Which.Select(e => e.Action).Should().Equal("POST /api/x 0", "POST /api/x 1", "POST /api/x 2");
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_partial_batch_is_written_when_the_flush_interval_has_passed()
    {
        var (queue, writer) = Create(batchSize: 100, flushMs: 200);
        await writer.StartAsync(CancellationToken.None);
        queue.TryEnqueue(Fakes.Entry(1));
        queue.TryEnqueue(Fakes.Entry(2));
        await Task.Delay(100);
        _store.Count.Should().Be(0, "the interval has not passed on the fake clock");

        await Fakes.PollAsync(() => _store.Count == 2, () => _time.Advance(TimeSpan.FromMilliseconds(50)));
        _store.Batches.Should().ContainSingle();
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Entries_are_stamped_with_the_time_they_are_stored()
    {
        var (queue, writer) = Create(batchSize: 1);
        _time.Advance(TimeSpan.FromMinutes(5));
        await writer.StartAsync(CancellationToken.None);
        queue.TryEnqueue(Fakes.Entry(1));

        await Fakes.PollAsync(() => _store.Count == 1);
        _store.Batches[0][0].CreatedAt.Should().Be(Fakes.T0.AddMinutes(5));
        _store.Batches[0][0].Timestamp.Should().Be(Fakes.T0.AddSeconds(1));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_store_is_retried_with_backoff_until_the_batch_is_stored()
    {
        _store.FailuresLeft = 3;
        var (queue, writer) = Create(batchSize: 2);
        await writer.StartAsync(CancellationToken.None);
        queue.TryEnqueue(Fakes.Entry(1));
        queue.TryEnqueue(Fakes.Entry(2));

        await Fakes.PollAsync(() => _store.Attempts == 1);
        await Task.Delay(50);
        _store.Attempts.Should().Be(1, "the next attempt waits for the backoff");
        await Fakes.PollAsync(() => _store.Count == 2, () => _time.Advance(TimeSpan.FromSeconds(1)));
        _store.Attempts.Should().Be(4);
        _store.Batches.Should().ContainSingle();
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_writes_the_collected_batch_and_everything_still_queued()
    {
        var (queue, writer) = Create(batchSize: 4, flushMs: 60_000);
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue(Fakes.Entry(i));
        }

        await Fakes.PollAsync(() => _store.Count == 8);
        await writer.StopAsync(CancellationToken.None);

        _store.Count.Should().Be(10);
        _store.Batches.SelectMany(b => b).Select(e => e.Action).Should().OnlyHaveUniqueItems();
        queue.TryEnqueue(Fakes.Entry(99)).Should().BeFalse("the queue is closed after the final drain");
    }
}
