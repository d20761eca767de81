using System.Globalization;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

internal sealed class SqliteStockSnapshotReader(SqliteDatabase database) : IStockSnapshotReader
{
    private const string Sql = """
        SELECT code, name, area, industry, market, list_date, updated_at,
               close, pe, pe_ttm, pb, ps, total_share, float_share, total_mv, circ_mv
        FROM stock_basic_info WHERE source = $source;
        """;

    public async Task<IReadOnlyList<StockBasic>> ReadAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(Sql);
        command.With("$source", source);
        return await command.ReadAllAsync(r =>
        {
            var code = r.GetString(0);
            return new StockBasic
            {
                Code = code,
                Symbol = code,
                FullSymbol = code,
                Source = source,
                Name = r.GetString(1),
                Area = r.GetNullableString(2),
                Industry = r.GetNullableString(3),
                Market = r.GetNullableString(4),
                ListDate = r.GetNullableString(5),
                // Stored as "yyyy-MM-ddTHH:mm:ss.fffffffZ" (ToStoredTime): an exact parse is several times cheaper.
                UpdatedAt = DateTimeOffset.ParseExact(r.GetString(6), "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Close = r.GetNullableDouble(7),
                Pe = r.GetNullableDouble(8),
                PeTtm = r.GetNullableDouble(9),
                Pb = r.GetNullableDouble(10),
                Ps = r.GetNullableDouble(11),
                TotalShare = r.GetNullableDouble(12),
                FloatShare = r.GetNullableDouble(13),
                TotalMv = r.GetNullableDouble(14),
                CircMv = r.GetNullableDouble(15),
            };
        }, cancellationToken);
    }
}
