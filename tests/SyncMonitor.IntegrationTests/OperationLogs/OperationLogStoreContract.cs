using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Retention;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

/// <summary>What every provider of <see cref="IOperationLogStore"/> must do.</summary>
public abstract class OperationLogStoreContract : StoreContract
{
    // Millisecond precision: Mongo stores dates in milliseconds.
    protected static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    protected async Task<(StoreHarness Harness, IOperationLogStore Store)> StoreAsync(
        TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var harness = await HarnessAsync(services => services.AddOperationLogStorage(), time, settings);
        return (harness, harness.Get<IOperationLogStore>());
    }

    protected static OperationLog Entry(
        DateTimeOffset timestamp,
        string actionType = "sync",
        string action = "Run stock-basics sync",
        string userId = "u-operator",
        string username = "Otto Operator",
        bool success = true,
        JsonObject? details = null,
        long? durationMs = 120,
        DateTimeOffset? createdAt = null) => new()
    {
        Id = OperationLogId.New(timestamp),
        UserId = userId,
        Username = username,
        ActionType = actionType,
        Action = action,
        Details = details ?? new JsonObject { ["route"] = "/api/sync/stock_basics/run" },
        Success = success,
        ErrorMessage = success ? null : "已有同步任务正在运行",
        DurationMs = durationMs,
        IpAddress = "198.51.100.7",
        UserAgent = "curl/8.0",
        SessionId = "s-1",
        Timestamp = timestamp,
        CreatedAt = createdAt ?? timestamp,
    };

    [SkippableFact]
    public async Task An_inserted_entry_comes_back_whole()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var entry = Entry(T0, success: false, details: new JsonObject
        {
            ["query"] = new JsonObject { ["force"] = "true" },
            ["codes"] = new JsonArray("000001", "600000"),
            ["说明"] = "同步",
        }) with { DurationMs = null, SessionId = null };
        await store.InsertManyAsync([entry], CancellationToken.None);

        var found = await store.FindAsync(entry.Id, CancellationToken.None);

        found.Should().NotBeNull();
        found!.Details.ToJsonString().Should().Be(entry.Details.ToJsonString());
        found.Should().BeEquivalentTo(entry, o => o.Excluding(e => e.Details));
        (await store.FindAsync(OperationLogId.New(T0), CancellationToken.None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Details_with_extended_json_keys_big_numbers_and_a_nul_key_are_stored_and_come_back_unchanged()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        // What a refused anonymous "POST /api/anything?$date=x" records, plus numbers a manual entry may carry.
        var tricky = Entry(T0, details: JsonNode.Parse("""
            { "query": { "$date": "x", "$oid": "y", "$numberLong": "z", "a.b": "dotted" }, "$binary": { "base64": "no" },
              "big": 123456789012345678901234567890, "long": 9007199254740993, "fraction": 0.1 }
            """)!.AsObject());
        var nul = Entry(T0.AddSeconds(1), details: JsonNode.Parse("""{ "a\u0000b": 1 }""")!.AsObject());
        var plain = Entry(T0.AddSeconds(2));

        await store.InsertManyAsync([tricky, nul, plain], CancellationToken.None);

        foreach (var entry in new[] { tricky, nul, plain })
        {
            var found = await store.FindAsync(entry.Id, CancellationToken.None);
            JsonNode.DeepEquals(found!.Details, entry.Details).Should().BeTrue(found.Details.ToJsonString());
        }

        (await store.ListAsync(new OperationLogFilter { Keyword = "$date" }, 1, 10, CancellationToken.None)).Items
            .Select(e => e.Id).Should().Equal(tricky.Id);
    }

    [SkippableFact]
    public async Task A_batch_stored_twice_keeps_one_copy_of_each_entry()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var batch = Enumerable.Range(0, 5).Select(i => Entry(T0.AddSeconds(i))).ToList();
        await store.InsertManyAsync(batch.Take(2).ToList(), CancellationToken.None);

        await store.InsertManyAsync(batch, CancellationToken.None);

        (await store.ListAsync(OperationLogFilter.All, 1, 50, CancellationToken.None)).Total.Should().Be(5);
    }

    [SkippableFact]
    public async Task The_list_is_newest_first_paged_and_counts_every_match()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var entries = Enumerable.Range(0, 25).Select(i => Entry(T0.AddMinutes(i))).ToList();
        await store.InsertManyAsync(entries.OrderBy(_ => Guid.NewGuid()).ToList(), CancellationToken.None);

        var second = await store.ListAsync(OperationLogFilter.All, 2, 10, CancellationToken.None);

        second.Total.Should().Be(25);
        second.Page.Should().Be(2);
        second.PageSize.Should().Be(10);
        second.Items.Select(e => e.Timestamp).Should().Equal(Enumerable.Range(10, 10).Select(i => T0.AddMinutes(24 - i)));
        (await store.ListAsync(OperationLogFilter.All, 4, 10, CancellationToken.None)).Items.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Filters_by_time_range_action_type_success_and_user_combine()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        await store.InsertManyAsync(
        [
            Entry(T0, actionType: "sync"),
            Entry(T0.AddHours(1), actionType: "sync", success: false),
            Entry(T0.AddHours(2), actionType: "export", userId: "u-admin", username: "Ada Admin"),
            Entry(T0.AddHours(3), actionType: "sync", userId: "u-admin", username: "Ada Admin"),
            Entry(T0.AddDays(2), actionType: "sync"),
        ], CancellationToken.None);

        async Task<IEnumerable<DateTimeOffset>> Matching(OperationLogFilter filter)
            => (await store.ListAsync(filter, 1, 50, CancellationToken.None)).Items.Select(e => e.Timestamp);

        (await Matching(new OperationLogFilter { From = T0.AddHours(1), Until = T0.AddHours(3) }))
            .Should().Equal(T0.AddHours(2), T0.AddHours(1));
        (await Matching(new OperationLogFilter { ActionType = "sync", Until = T0.AddDays(1) }))
            .Should().Equal(T0.AddHours(3), T0.AddHours(1), T0);
        (await Matching(new OperationLogFilter { Success = false })).Should().Equal(T0.AddHours(1));
        (await Matching(new OperationLogFilter { UserId = "u-admin", ActionType = "sync" })).Should().Equal(T0.AddHours(3));
        (await Matching(new OperationLogFilter { UserId = "nobody" })).Should().BeEmpty();
    }

    [SkippableTheory]
    [InlineData("(a+)+$")]
    [InlineData(".*")]
    [InlineData("'; DROP TABLE operation_logs; --")]
    [InlineData("100%_done")]
    [InlineData("[x]{2}\\d")]
    [InlineData("say \"hi\"")]
    public async Task A_keyword_matches_literally_never_as_a_pattern(string keyword)
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var literal = Entry(T0, action: "note " + keyword.ToUpperInvariant() + " end");
        var inDetails = Entry(T0.AddMinutes(1), details: new JsonObject { ["comment"] = "x" + keyword + "y" });
        var inUsername = Entry(T0.AddMinutes(2), username: "user " + keyword);
        var decoy = Entry(T0.AddMinutes(3), action: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab 100 done xx1 DROP");
        await store.InsertManyAsync([literal, inDetails, inUsername, decoy], CancellationToken.None);

        var found = await store.ListAsync(new OperationLogFilter { Keyword = keyword }, 1, 50, CancellationToken.None);

        found.Items.Select(e => e.Id).Should().BeEquivalentTo([literal.Id, inDetails.Id, inUsername.Id]);
        (await store.ListAsync(OperationLogFilter.All, 1, 50, CancellationToken.None)).Total.Should().Be(4, "nothing was executed");
    }

    [SkippableFact]
    public async Task A_keyword_matches_case_insensitively_and_in_chinese()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var upper = Entry(T0, action: "RUN Stock-Basics SYNC");
        var chinese = Entry(T0.AddMinutes(1), action: "manual note", details: new JsonObject { ["message"] = "同步完成" });
        await store.InsertManyAsync([upper, chinese, Entry(T0.AddMinutes(2), action: "export")], CancellationToken.None);

        (await store.ListAsync(new OperationLogFilter { Keyword = "stock-basics" }, 1, 50, CancellationToken.None))
            .Items.Should().ContainSingle().Which.Id.Should().Be(upper.Id);
        (await store.ListAsync(new OperationLogFilter { Keyword = "同步" }, 1, 50, CancellationToken.None))
            .Items.Should().ContainSingle().Which.Id.Should().Be(chinese.Id);
    }

    [SkippableFact]
    public async Task Stats_count_rates_types_days_and_top_users_since_the_start()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        await store.InsertManyAsync(
        [
            Entry(T0.AddDays(-5), actionType: "sync"), // before the window
            Entry(T0, actionType: "sync", durationMs: 100),
            Entry(T0.AddHours(1), actionType: "sync", success: false, durationMs: 300),
            Entry(T0.AddHours(12), actionType: "sync", durationMs: 200), // 20:00 UTC is already Mar 11 in Shanghai
            Entry(T0.AddDays(1), actionType: "export", userId: "u-admin", username: "Ada Admin", durationMs: null),
            Entry(T0.AddDays(1).AddHours(2), actionType: "sync", durationMs: 200),
        ], CancellationToken.None);

        var stats = await store.StatsAsync(T0.AddDays(-1), 10, CancellationToken.None);

        stats.Total.Should().Be(5);
        stats.Success.Should().Be(4);
        stats.Failed.Should().Be(1);
        stats.SuccessRate.Should().Be(80);
        stats.AvgDurationMs.Should().Be(200);
        stats.ByActionType.Should().Equal(new ActionTypeCount("sync", 4, 3), new ActionTypeCount("export", 1, 1));
        stats.ByDay.Should().Equal(new DayCount("2025-03-10", 2, 1), new DayCount("2025-03-11", 3, 3));
        stats.TopUsers.Should().Equal(new UserCount("u-operator", "Otto Operator", 4), new UserCount("u-admin", "Ada Admin", 1));
        (await store.StatsAsync(T0.AddYears(1), 10, CancellationToken.None)).Should()
            .Match<OperationLogStats>(s => s.Total == 0 && s.SuccessRate == 0 && s.AvgDurationMs == null && s.ByDay.Count == 0);
    }

    [SkippableFact]
    public async Task The_export_stream_returns_every_match_newest_first()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        var entries = Enumerable.Range(0, 1200).Select(i => Entry(T0.AddSeconds(i), actionType: i % 3 == 0 ? "export" : "sync")).ToList();
        foreach (var chunk in entries.Chunk(500))
        {
            await store.InsertManyAsync(chunk, CancellationToken.None);
        }

        var rows = new List<OperationLogExportRow>();
        await foreach (var row in store.StreamAsync(new OperationLogFilter { ActionType = "sync" }, CancellationToken.None))
        {
            rows.Add(row);
        }

        rows.Should().HaveCount(800);
        rows.Select(r => r.Timestamp).Should().BeInDescendingOrder();
        rows[0].Should().Be(new OperationLogExportRow(T0.AddSeconds(1199), "Otto Operator", "sync", "Run stock-basics sync",
            true, 120, "198.51.100.7", null));
    }

    [SkippableFact]
    public async Task Clearing_removes_only_older_entries_of_the_given_type()
    {
        var (harness, store) = await StoreAsync();
        await using var _ = harness;
        await store.InsertManyAsync(
        [
            Entry(T0, actionType: "sync"),
            Entry(T0.AddHours(1), actionType: "export"),
            Entry(T0.AddHours(2), actionType: "sync"),
            Entry(T0.AddHours(3), actionType: "sync"),
        ], CancellationToken.None);

        (await store.DeleteAsync(T0.AddHours(2).AddTicks(1), "sync", CancellationToken.None)).Should().Be(2);
        (await store.DeleteAsync(T0.AddHours(2), null, CancellationToken.None)).Should().Be(1);

        (await store.ListAsync(OperationLogFilter.All, 1, 50, CancellationToken.None)).Items
            .Select(e => e.Timestamp).Should().Equal(T0.AddHours(3));
    }

    [SkippableFact]
    public async Task Retention_removes_entries_stored_longer_ago_than_the_retention_days()
    {
        var time = new FakeTimeProvider(T0);
        var (harness, store) = await StoreAsync(time, new Dictionary<string, string?> { ["OperationLogs:RetentionDays"] = "90" });
        await using var _ = harness;
        var old = Entry(T0.AddDays(-200), createdAt: T0.AddDays(-91));
        var kept = Entry(T0.AddDays(-200), createdAt: T0.AddDays(-89));
        await store.InsertManyAsync([old, kept], CancellationToken.None);

        (await harness.Get<OperationLogRetention>().RunAsync(CancellationToken.None)).Should().Be(1);

        (await store.FindAsync(old.Id, CancellationToken.None)).Should().BeNull();
        (await store.FindAsync(kept.Id, CancellationToken.None)).Should().NotBeNull();
    }
}

public sealed class SqliteOperationLogStoreContract : OperationLogStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    [Theory]
    [InlineData("", "ix_operation_logs_timestamp")]
    [InlineData("WHERE action_type = 'sync'", "ix_operation_logs_action_type_timestamp")]
    [InlineData("WHERE user_id = 'u-admin'", "ix_operation_logs_user_id_timestamp")]
    public async Task The_newest_first_list_is_read_from_an_index_without_sorting(string where, string index)
    {
        var (harness, _) = await StoreAsync();
        await using var __ = harness;
        await using var connection = await harness.Get<SyncMonitor.Api.Common.Storage.Sqlite.SqliteDatabase>().OpenAsync();
        await using var plan = connection.CreateCommand();
        plan.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM operation_logs {where} ORDER BY timestamp DESC LIMIT 20;";
        var lines = new List<string>();
        await using (var reader = await plan.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }
        }

        lines.Should().Contain(l => l.Contains(index, StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}

public sealed class MongoOperationLogStoreContract : OperationLogStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
