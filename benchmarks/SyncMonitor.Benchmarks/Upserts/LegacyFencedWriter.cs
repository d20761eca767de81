using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Benchmarks.Upserts;

/// <summary>The SQLite fenced writer as it was before issue 15 (kept verbatim in spirit, for interleaved before/after
/// runs): one named-parameter <c>INSERT … ON CONFLICT</c> per row through <c>ExecuteNonQueryAsync</c>, the existing
/// keys of each batch from a <c>json_each</c> query.</summary>
internal static class LegacyFencedWriter
{
    private static readonly string StockSql = Upsert("stock_basic_info", MarketDataRows.StockBasicColumnNames, 2);
    private static readonly string DailySql = Upsert("stock_daily_basic", MarketDataRows.DailyBasicColumnNames, 3);

    public static Task<UpsertResult> StocksAsync(SqliteDatabase db, IReadOnlyList<StockBasic> rows, long token)
        => UpsertAsync(db, "stock_basic_info", ["code", "source"], StockSql, rows, r => [r.Code, r.Source], token, (c, r) =>
        {
            object?[] values =
            [
                r.Code, r.Source, r.Symbol, r.Name, r.Area, r.Industry, r.Market, r.ListDate, r.Sse, r.FullSymbol, r.Category,
                r.UpdatedAt.ToStoredTime(), r.TradeDate, r.Close, r.Pe, r.PeTtm, r.Pb, r.Ps, r.TurnoverRate, r.VolumeRatio,
                r.Volume, r.TotalShare, r.FloatShare, r.TotalMv, r.CircMv,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                Set(c, "$" + MarketDataRows.StockBasicColumnNames[i], values[i]);
            }
        });

    public static Task<UpsertResult> DailyAsync(SqliteDatabase db, IReadOnlyList<DailyBasic> rows, long token)
        => UpsertAsync(db, "stock_daily_basic", ["code", "trade_date", "source"], DailySql, rows, r => [r.Code, r.TradeDate, r.Source], token, (c, r) =>
        {
            object?[] values =
            [
                r.Code, r.TradeDate, r.Source, r.Close, r.TurnoverRate, r.VolumeRatio, r.Volume, r.Pe, r.PeTtm, r.Pb, r.Ps,
                r.TotalShare, r.FloatShare, r.TotalMv, r.CircMv, r.UpdatedAt.ToStoredTime(),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                Set(c, "$" + MarketDataRows.DailyBasicColumnNames[i], values[i]);
            }
        });

    private static string Upsert(string table, string[] columns, int keys)
        => $"INSERT INTO {table} ({string.Join(", ", columns)}, fencing_token) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}, $fencing_token) " +
           $"ON CONFLICT ({string.Join(", ", columns.Take(keys))}) DO UPDATE SET " +
           string.Join(", ", columns.Skip(keys).Append("fencing_token").Select(c => $"{c} = excluded.{c}")) +
           $" WHERE excluded.fencing_token >= {table}.fencing_token;";

    private static async Task<UpsertResult> UpsertAsync<T>(
        SqliteDatabase database, string table, string[] keyColumns, string sql, IReadOnlyList<T> rows,
        Func<T, string[]> keyOf, long fencingToken, Action<SqliteCommand, T> bind)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var check = connection.CreateCommand("SELECT fencing_token FROM sync_lock WHERE id = 'global';", transaction))
        {
            if ((await check.ExecuteScalarAsync() is long t ? t : 0) != fencingToken)
            {
                throw new StaleLeaseException(fencingToken);
            }
        }

        var existing = await ExistingKeysAsync(connection, transaction, table, keyColumns, rows.Select(keyOf).ToList());
        await using var command = connection.CreateCommand(sql, transaction);
        command.Parameters.AddWithValue("$fencing_token", fencingToken);
        long inserted = 0, updated = 0;
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var key = string.Join('|', keyOf(row));
            bind(command, row);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                errors.Add(new RowError(key, "refused"));
            }
            else if (!existing.Add(key))
            {
                updated++;
            }
            else
            {
                inserted++;
            }
        }

        await transaction.CommitAsync();
        return new UpsertResult(inserted, updated, errors.Count, errors.Take(100).ToList());
    }

    private static void Set(SqliteCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static async Task<HashSet<string>> ExistingKeysAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, List<string[]> keys)
    {
        var join = string.Join(" AND ", columns.Select((c, i) => $"t.{c} = json_extract(k.value, '$[{i}]')"));
        var select = string.Join(" || '|' || ", columns.Select(c => "t." + c));
        await using var command = connection.CreateCommand($"SELECT {select} FROM json_each($keys) AS k JOIN {table} AS t ON {join};", transaction);
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(keys));
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }
}
