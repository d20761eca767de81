using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>Reports in SQLite: the report row and its per-stock rows are written in one transaction.</summary>
internal sealed class SqliteConsistencyReportStore(SqliteDatabase database) : IConsistencyReportStore
{
    private const string ReportColumns = "id, primary_source, secondary_source, checked_at, checked_by, requested_codes, synthetic, " +
        "summary, only_in_primary, only_in_secondary, resolutions";

    private const string StockColumns = "code, is_consistent, confidence, recommended_action, differences, resolution";

    public async Task SaveAsync(ConsistencyReport report, IReadOnlyList<StockConsistency> stocks, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insertReport = connection.CreateCommand(
            $"INSERT INTO consistency_reports ({ReportColumns}) VALUES ($id, $primary, $secondary, $checked_at, $checked_by, " +
            "$requested_codes, $synthetic, $summary, $only_in_primary, $only_in_secondary, $resolutions);", transaction))
        {
            insertReport.With("$id", report.Id).With("$primary", report.Primary).With("$secondary", report.Secondary)
                .With("$checked_at", report.CheckedAt.ToStoredTime()).With("$checked_by", report.CheckedBy)
                .With("$requested_codes", report.RequestedCodes).With("$synthetic", report.Synthetic ? 1 : 0)
                .With("$summary", Json(report.Summary)).With("$only_in_primary", Json(report.OnlyInPrimary))
                .With("$only_in_secondary", Json(report.OnlyInSecondary)).With("$resolutions", Json(report.Resolutions));
            await insertReport.ExecuteNonQueryAsync(cancellationToken);
        }

        // 5,000 entries per report: one prepared statement stepped with positional binds (no per-row ADO.NET lookups).
        using var insertStock = SqliteRowBinder.Prepare(connection.Handle!,
            "INSERT INTO consistency_report_stocks (report_id, primary_source, secondary_source, checked_at, " + StockColumns + ") " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);");
        // The differences are serialised as UTF-8 into one reused buffer and bound as they are: no string per row
        // and no UTF-16 to UTF-8 conversion inside SQLite (the same JSON text as JsonSerializer.Serialize gives).
        var row = new SqliteRowBinder(insertStock);
        var checkedAt = report.CheckedAt.ToStoredTime();
        var differences = new StoredJsonBuffer();
        foreach (var stock in stocks)
        {
            row.Reset();
            row.Text(report.Id).Text(report.Primary).Text(report.Secondary).Text(checkedAt)
                .Text(stock.Code).Integer(stock.IsConsistent ? 1 : 0).Real(stock.Confidence).Text(stock.RecommendedAction)
                .Utf8Text(differences.Write(stock.Differences)).Text(stock.Resolution is null ? null : Json(stock.Resolution))
                .Execute();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ConsistencyReport?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {ReportColumns} FROM consistency_reports WHERE id = $id;").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadReport(reader, withCodes: true) : null;
    }

    public async Task<PagedResult<ConsistencyReport>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand("SELECT count(*) FROM consistency_reports;");
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var command = connection.CreateCommand(
            $"SELECT {ReportColumns} FROM consistency_reports ORDER BY checked_at DESC, id DESC LIMIT $limit OFFSET $offset;")
            .With("$limit", pageSize).With("$offset", (long)(page - 1) * pageSize);
        var items = new List<ConsistencyReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadReport(reader, withCodes: false));
        }

        return new PagedResult<ConsistencyReport>(items, total, page, pageSize);
    }

    public async Task<PagedResult<StockConsistency>> ListStocksAsync(string reportId, StockPageQuery query, CancellationToken cancellationToken)
    {
        var filter = "report_id = $report_id" + (query.OnlyInconsistent ? " AND is_consistent = 0" : string.Empty);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand($"SELECT count(*) FROM consistency_report_stocks WHERE {filter};")
            .With("$report_id", reportId);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var command = connection.CreateCommand(
            $"SELECT {StockColumns} FROM consistency_report_stocks WHERE {filter} ORDER BY code LIMIT $limit OFFSET $offset;")
            .With("$report_id", reportId).With("$limit", query.PageSize).With("$offset", (long)(query.Page - 1) * query.PageSize);
        return new PagedResult<StockConsistency>(await ReadStocksAsync(command, cancellationToken), total, query.Page, query.PageSize);
    }

    public async Task<IReadOnlyList<StockConsistency>> GetStocksAsync(string reportId, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {StockColumns} FROM consistency_report_stocks WHERE report_id = $report_id " +
            (codes is null ? string.Empty : "AND code IN (SELECT value FROM json_each($codes)) ") + "ORDER BY code;")
            .With("$report_id", reportId);
        if (codes is not null)
        {
            command.With("$codes", Json(codes));
        }

        return await ReadStocksAsync(command, cancellationToken);
    }

    public async Task<bool> SaveResolutionAsync(
        string reportId, ResolutionRecord record, IReadOnlyDictionary<string, StockResolution> resolutions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var append = connection.CreateCommand(
            "UPDATE consistency_reports SET resolutions = json_insert(resolutions, '$[#]', json($record)) WHERE id = $id;", transaction))
        {
            append.With("$id", reportId).With("$record", Json(record));
            if (await append.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using var update = connection.CreateCommand(
            "UPDATE consistency_report_stocks SET resolution = $resolution WHERE report_id = $report_id AND code = $code;", transaction);
        update.With("$report_id", reportId);
        var code = update.Parameters.Add("$code", SqliteType.Text);
        var resolution = update.Parameters.Add("$resolution", SqliteType.Text);
        await update.PrepareAsync(cancellationToken);
        foreach (var (stockCode, stockResolution) in resolutions)
        {
            code.Value = stockCode;
            resolution.Value = Json(stockResolution);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ConsistencyVerdict?> GetLatestVerdictAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {StockColumns}, report_id, primary_source, secondary_source, checked_at FROM consistency_report_stocks " +
            "WHERE code = $code ORDER BY checked_at DESC, report_id DESC LIMIT 1;").With("$code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ConsistencyVerdicts.Of(ReadStock(reader), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetStoredTime(9));
    }

    public async Task<long> DeleteCheckedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM consistency_reports WHERE checked_at < $cutoff;")
            .With("$cutoff", cutoff.ToStoredTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<StockConsistency>> ReadStocksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var stocks = new List<StockConsistency>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stocks.Add(ReadStock(reader));
        }

        return stocks;
    }

    private static StockConsistency ReadStock(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1) == 1,
        r.GetDouble(2),
        r.GetString(3),
        FromJson<Dictionary<string, MetricDifference>>(r.GetString(4)),
        r.IsDBNull(5) ? null : FromJson<StockResolution>(r.GetString(5)));

    private static ConsistencyReport ReadReport(SqliteDataReader r, bool withCodes) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetStoredTime(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetInt32(5),
        r.GetInt64(6) == 1,
        FromJson<ConsistencySummary>(r.GetString(7)),
        withCodes ? FromJson<List<string>>(r.GetString(8)) : [],
        withCodes ? FromJson<List<string>>(r.GetString(9)) : [],
        FromJson<List<ResolutionRecord>>(r.GetString(10)));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSetup.Options);

    private static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonSetup.Options)
        ?? throw new InvalidDataException("A stored consistency report holds null JSON.");
}
