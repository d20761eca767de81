using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>A file written with the <c>WITHOUT ROWID</c> report-entries table is migrated on start-up to the rowid
/// table: every entry and column is kept, the key still refuses a duplicate code, and the indexes are back.</summary>
public sealed class ConsistencyReportLayoutMigrationTests
{
    /// <summary>The tables as the previous version created them (verbatim).</summary>
    private const string OldDdl = """
        CREATE TABLE consistency_reports (id TEXT PRIMARY KEY, primary_source TEXT NOT NULL, secondary_source TEXT NOT NULL,
            checked_at TEXT NOT NULL, checked_by TEXT NOT NULL, requested_codes INTEGER NULL, synthetic INTEGER NOT NULL,
            summary TEXT NOT NULL, only_in_primary TEXT NOT NULL, only_in_secondary TEXT NOT NULL, resolutions TEXT NOT NULL);
        CREATE TABLE consistency_report_stocks (
            report_id TEXT NOT NULL REFERENCES consistency_reports (id) ON DELETE CASCADE,
            code TEXT NOT NULL, primary_source TEXT NOT NULL, secondary_source TEXT NOT NULL, checked_at TEXT NOT NULL,
            is_consistent INTEGER NOT NULL, confidence REAL NOT NULL, recommended_action TEXT NOT NULL,
            differences TEXT NOT NULL, resolution TEXT NULL,
            PRIMARY KEY (report_id, code)) WITHOUT ROWID;
        CREATE INDEX ix_consistency_report_stocks_consistency ON consistency_report_stocks (report_id, is_consistent, code);
        INSERT INTO consistency_reports VALUES ('r1', 'demo', 'alt', '2026-12-01T08:00:00.0000000Z', 'u', NULL, 0,
            '{}', '[]', '[]', '[]');
        INSERT INTO consistency_report_stocks VALUES
            ('r1', '000001.SZ', 'demo', 'alt', '2026-12-01T08:00:00.0000000Z', 1, 1.0, 'use_primary',
             '{"pe":{"primary":1.5,"secondary":1.5,"relative_difference":0,"tolerance":0.01,"within_tolerance":true}}', NULL),
            ('r1', '000002.SZ', 'demo', 'alt', '2026-12-01T08:00:00.0000000Z', 0, 0.25, 'investigate_sources',
             '{"pe":{"primary":1,"secondary":null,"relative_difference":null,"tolerance":0.01,"within_tolerance":null}}', NULL);
        """;

    [Fact]
    public async Task A_file_with_the_without_rowid_entries_keeps_every_entry_after_the_migration_and_the_key_holds()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-migration-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using (var old = new SqliteConnection($"Data Source={Path.Combine(directory, SqliteDatabase.FileName)};Pooling=False"))
            {
                await old.OpenAsync();
                await using var ddl = old.CreateCommand();
                ddl.CommandText = "PRAGMA journal_mode = WAL;" + OldDdl;
                await ddl.ExecuteNonQueryAsync();
            }

            await using var harness = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage().AddConsistencyReportStorage(),
                settings: new Dictionary<string, string?> { ["DataDirectory"] = directory });
            var stocks = await harness.Get<IConsistencyReportStore>().GetStocksAsync("r1", null, CancellationToken.None);

            stocks.Select(s => (s.Code, s.IsConsistent, s.Confidence, s.RecommendedAction)).Should().Equal(
                ("000001.SZ", true, 1.0, "use_primary"), ("000002.SZ", false, 0.25, "investigate_sources"));
            stocks[1].Differences["pe"].Should().Be(new MetricDifference(1, null, null, 0.01, null));
            (await ScalarAsync(harness, "SELECT sql FROM sqlite_master WHERE name = 'consistency_report_stocks';")).Should().NotContain("WITHOUT ROWID");
            (await ScalarAsync(harness, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' " +
                "AND tbl_name = 'consistency_report_stocks' AND name LIKE 'ix_%' ORDER BY name);"))
                .Should().Be("ix_consistency_report_stocks_code_checked_at,ix_consistency_report_stocks_consistency");
            await FluentActions.Awaiting(() => ScalarAsync(harness, "INSERT INTO consistency_report_stocks SELECT * FROM consistency_report_stocks LIMIT 1; SELECT 'x';"))
                .Should().ThrowAsync<SqliteException>("(report_id, code) is still the key");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> ScalarAsync(StoreHarness harness, string sql)
    {
        await using var connection = await harness.Get<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
