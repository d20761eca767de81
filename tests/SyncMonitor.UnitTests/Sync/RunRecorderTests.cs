using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>Issue 13 item 3: status readers copy a run's live statistics while the worker changes them.</summary>
public sealed class RunRecorderTests
{
    private static readonly SyncStats Run = new()
    {
        Job = "daily_basic", TaskId = "t", TaskType = SyncTaskType.WebBatch, DataType = "stock_daily_basic", Status = SyncRunStatus.Running,
    };

    [Fact]
    public async Task Snapshots_taken_while_the_worker_writes_never_throw_and_are_never_torn()
    {
        var recorder = new RunRecorder();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var date = $"2026{i:D5}";
                recorder.AddDelivered(3);
                recorder.AddWritten(new UpsertResult(2, 0, 1, [new RowError("x", "bad")]), date);
                recorder.DateDone(date);
                recorder.CountSource("demo" + (i % 50), 3, 2);
                recorder.UseSource("daily_data", "demo" + (i % 50), synthetic: true);
            }
        });

        var snapshots = 0;
        while (!writer.IsCompleted || snapshots == 0)
        {
            var live = recorder.ApplyTo(Run);
            live.RowsByDate.Values.Sum().Should().Be(live.Inserted + live.Updated, "rows per date and the counts change together");
            live.Errors.Should().Be(live.Inserted / 2, "one error was written with every two rows");
            snapshots++;
        }

        await writer;
        var final = recorder.ApplyTo(Run);
        final.RowsByDate.Should().HaveCount(20_000);
        final.ErrorSamples.Should().HaveCount(SyncStats.MaxErrorSamples);
        final.DataSourcesUsed.Should().HaveCount(50);
        snapshots.Should().BePositive();
    }

    [Fact]
    public void A_snapshot_does_not_change_when_the_worker_goes_on()
    {
        var recorder = new RunRecorder();
        recorder.AddWritten(new UpsertResult(5, 0, 0, []), "20261124");
        var before = recorder.ApplyTo(Run);

        recorder.AddWritten(new UpsertResult(5, 0, 0, []), "20261125");

        before.Inserted.Should().Be(5);
        before.RowsByDate.Should().ContainSingle();
    }
}
