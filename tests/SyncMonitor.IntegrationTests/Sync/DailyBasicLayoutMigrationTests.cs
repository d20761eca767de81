using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>A file written before the date-first key (<c>stock_daily_basic</c> keyed (code, trade_date, source) with a
/// (trade_date, source) index) is migrated on start-up: every row and column is kept, the table is then keyed
/// (trade_date, source, code) with a (code, trade_date) index, and fenced writes go on with the same counts.</summary>
public sealed class DailyBasicLayoutMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The table as versions before the date-first key created it (verbatim).</summary>
    private const string OldDdl = """
        CREATE TABLE stock_daily_basic (
            code TEXT NOT NULL, trade_date TEXT NOT NULL, source TEXT NOT NULL,
            close REAL, turnover_rate REAL, volume_ratio REAL, volume REAL, pe REAL, pe_ttm REAL, pb REAL, ps REAL,
            total_share REAL, float_share REAL, total_mv REAL, circ_mv REAL,
            updated_at TEXT NOT NULL, fencing_token INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (code, trade_date, source)) WITHOUT ROWID;
        CREATE INDEX ix_stock_daily_basic_trade_date ON stock_daily_basic (trade_date, source);
        """;

    private static readonly string[] Codes = ["000001", "300750", "600000", "688981"];
    private static readonly string[] Dates = ["20261120", "20261123", "20261124"];
    private static readonly string[] Sources = ["demo", "tushare"];

    [Fact]
    public async Task A_file_with_the_old_key_keeps_every_row_and_column_after_the_migration_and_writes_go_on()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-migration-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var rows = OldRows().ToList();
            await WriteOldFileAsync(Path.Combine(directory, SqliteDatabase.FileName), rows);

            await using var harness = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage(),
                settings: new Dictionary<string, string?> { ["DataDirectory"] = directory });
            var store = harness.Get<IDailyBasicStore>();

            foreach (var code in Codes)
            {
                (await store.ListAsync(code, "20261101", "20261130", CancellationToken.None)).Should().BeEquivalentTo(
                    rows.Where(r => r.Code == code).OrderBy(r => r.TradeDate).ThenBy(r => r.Source),
                    o => o.WithStrictOrdering(), "every column of {0} survives the copy", code);
            }

            (await store.CountByTradeDateAsync("20261101", "20261130", null, CancellationToken.None))
                .Should().BeEquivalentTo(Dates.ToDictionary(d => d, _ => (long)(Codes.Length * Sources.Length)));
            (await KeyColumnsAsync(harness)).Should().Equal("trade_date", "source", "code");
            (await IndexesAsync(harness)).Should().Equal(["ix_stock_daily_basic_code"], "the (trade_date, source) index is the key's prefix now");

            var lease = await harness.Get<ISyncLeaseStore>().TryAcquireAsync(
                new LeaseClaim("writer", new CurrentTask { TaskId = "t", TaskType = SyncTaskType.WebBatch, StartTime = T0, Owner = "h" }),
                TimeSpan.FromSeconds(60), CancellationToken.None);
            lease.Lease!.FencingToken.Should().BeGreaterThan(7, "the counter restarts above the tokens the migrated rows carry");
            var written = await store.UpsertAsync(
                [Row("000001", "20261124", "demo") with { Close = 99 }, Row("000002", "20261124", "demo")], lease.Lease.FencingToken, CancellationToken.None);
            (written.Inserted, written.Updated, written.Errors).Should().Be((1, 1, 0));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Starting_twice_on_a_migrated_file_changes_nothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-migration-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await WriteOldFileAsync(Path.Combine(directory, SqliteDatabase.FileName), OldRows().ToList());
            var settings = new Dictionary<string, string?> { ["DataDirectory"] = directory };
            await (await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage(), settings: settings)).Services.DisposeAsync();

            await using var again = await StoreHarness.CreateAsync(StorageProvider.Sqlite, s => s.AddSyncStorage(), settings: settings);

            (await KeyColumnsAsync(again)).Should().Equal("trade_date", "source", "code");
            (await again.Get<IDailyBasicStore>().CountByTradeDateAsync("20261101", "20261130", null, CancellationToken.None)).Values
                .Sum().Should().Be(Codes.Length * Dates.Length * Sources.Length);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<DailyBasic> OldRows()
    {
        var n = 0;
        foreach (var code in Codes)
        {
            foreach (var date in Dates)
            {
                foreach (var source in Sources)
                {
                    n++;
                    yield return Row(code, date, source) with
                    {
                        Close = n + 0.25, TurnoverRate = n + 0.5, VolumeRatio = n % 3 == 0 ? null : n + 0.75, Volume = n * 100,
                        Pe = n + 1.5, PeTtm = n + 2.5, Pb = n + 3.5, Ps = n + 4.5, TotalShare = n * 10, FloatShare = n * 5,
                        TotalMv = n * 1.5, CircMv = n * 0.5, UpdatedAt = T0.AddMinutes(n),
                    };
                }
            }
        }
    }

    private static DailyBasic Row(string code, string date, string source)
        => new() { Code = code, TradeDate = date, Source = source, UpdatedAt = T0 };

    private static async Task WriteOldFileAsync(string path, IReadOnlyList<DailyBasic> rows)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var ddl = connection.CreateCommand())
        {
            ddl.CommandText = "PRAGMA journal_mode = WAL;" + OldDdl;
            await ddl.ExecuteNonQueryAsync();
        }

        var token = 0;
        foreach (var r in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO stock_daily_basic VALUES ($code, $date, $source, $close, $turnover_rate, $volume_ratio, $volume,
                    $pe, $pe_ttm, $pb, $ps, $total_share, $float_share, $total_mv, $circ_mv, $updated_at, $token);
                """;
            object Value(double? v) => v is { } d ? d : DBNull.Value;
            insert.Parameters.AddWithValue("$code", r.Code);
            insert.Parameters.AddWithValue("$date", r.TradeDate);
            insert.Parameters.AddWithValue("$source", r.Source);
            insert.Parameters.AddWithValue("$close", Value(r.Close));
            insert.Parameters.AddWithValue("$turnover_rate", Value(r.TurnoverRate));
            insert.Parameters.AddWithValue("$volume_ratio", Value(r.VolumeRatio));
            insert.Parameters.AddWithValue("$volume", Value(r.Volume));
            insert.Parameters.AddWithValue("$pe", Value(r.Pe));
            insert.Parameters.AddWithValue("$pe_ttm", Value(r.PeTtm));
            insert.Parameters.AddWithValue("$pb", Value(r.Pb));
            insert.Parameters.AddWithValue("$ps", Value(r.Ps));
            insert.Parameters.AddWithValue("$total_share", Value(r.TotalShare));
            insert.Parameters.AddWithValue("$float_share", Value(r.FloatShare));
            insert.Parameters.AddWithValue("$total_mv", Value(r.TotalMv));
            insert.Parameters.AddWithValue("$circ_mv", Value(r.CircMv));
            insert.Parameters.AddWithValue("$updated_at", r.UpdatedAt.ToStoredTime());
            insert.Parameters.AddWithValue("$token", ++token % 8);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> KeyColumnsAsync(StoreHarness harness)
        => await ReadStringsAsync(harness, "SELECT name FROM pragma_index_info('sqlite_autoindex_stock_daily_basic_1') ORDER BY seqno;");

    private static async Task<List<string>> IndexesAsync(StoreHarness harness)
        => await ReadStringsAsync(harness, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stock_daily_basic' ORDER BY name;");

    private static async Task<List<string>> ReadStringsAsync(StoreHarness harness, string sql)
    {
        await using var connection = await harness.Get<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
