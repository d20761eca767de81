using System.Text;
using Microsoft.AspNetCore.Http.Json;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Endpoints;
using SyncMonitor.Api.Modules.Sync.Manager;
using SyncMonitor.Api.Modules.Sync.Runs;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>The status body is cached per run snapshot: the same snapshot is served from bytes, and every change of the
/// run (a live run's progress, a newer stored run) is a new snapshot and so a new body — never an older one.</summary>
public sealed class StatusResponsesTests
{
    private static readonly SyncStats Stored = new()
    {
        Job = "stock_basics", TaskId = "t-1", TaskType = SyncTaskType.StockBasics, DataType = "stock_basic_info",
        Status = SyncRunStatus.Success, Total = 10, Inserted = 10, Message = "done",
    };

    private static StatusResponses Responses()
    {
        var json = new JsonOptions();
        JsonSetup.Apply(json.SerializerOptions);
        return new StatusResponses(Microsoft.Extensions.Options.Options.Create(json));
    }

    private static ApiEnvelope<SyncStats> Envelope(SyncStats? run) => ApiEnvelope<SyncStats>.Ok(run ?? Stored with { TaskId = "never" }, run?.Message ?? "never");

    [Fact]
    public void The_same_snapshot_is_served_from_the_cached_bytes_and_a_newer_one_is_serialised_again()
    {
        var responses = Responses();

        var first = responses.Body(Stored, Envelope);
        responses.Body(Stored, Envelope).Should().BeSameAs(first);

        var newer = Stored with { TaskId = "t-2", Total = 20 };
        var body = Encoding.UTF8.GetString(responses.Body(newer, Envelope));
        body.Should().Contain("\"task_id\":\"t-2\"").And.Contain("\"total\":20");
        Encoding.UTF8.GetString(responses.Body(null, Envelope)).Should().Contain("\"task_id\":\"never\"");
    }

    [Fact]
    public void A_live_run_is_the_same_snapshot_until_its_statistics_change_and_its_body_follows_every_change()
    {
        var recorder = new RunRecorder();
        using var run = new ActiveRun(Stored with { Status = SyncRunStatus.Running }, new HeldLease("owner", 1), recorder);
        var responses = Responses();

        var before = run.Live;
        run.Live.Should().BeSameAs(before, "nothing changed");
        var firstBody = responses.Body(run.Live, Envelope);

        recorder.AddDelivered(5);
        run.Live.Should().NotBeSameAs(before);
        Encoding.UTF8.GetString(responses.Body(run.Live, Envelope)).Should().Contain("\"total\":5");

        recorder.Changes = new Api.Modules.Sync.Changes.ChangeSummary { Source = "demo" };
        var afterChanges = responses.Body(run.Live, Envelope);
        afterChanges.Should().NotBeSameAs(firstBody);
        Encoding.UTF8.GetString(afterChanges).Should().Contain("\"source\":\"demo\"");
    }
}
