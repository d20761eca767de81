using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.Api.Modules.Stocks.Storage.Sqlite;

/// <summary>The list query, put together from fixed fragments (every value is a bound parameter).
/// Without a source filter a row is shown only when no row of the same code that also matches the filters comes from
/// a better source: an anti-join probing the (code, source) primary key per candidate, so the page is read in sort
/// order from a sort index and the scan stops after <c>LIMIT</c> rows instead of ranking the whole table.</summary>
internal static class StockListSql
{
    public static readonly string Columns = MarketDataRows.StockBasicColumns("a");

    public static SqliteCommand PageCommand(SqliteConnection connection, StockListQuery query, IReadOnlyList<string> priority)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM stock_basic_info a WHERE ").Append(Filters("a", query));
        if (query.Source is null)
        {
            sql.Append(" AND NOT EXISTS (SELECT 1 FROM stock_basic_info b WHERE b.code = a.code AND ").Append(Filters("b", query))
                .Append(" AND (").Append(Rank("b", priority.Count)).Append(", b.source) < (").Append(Rank("a", priority.Count)).Append(", a.source))");
        }

        sql.Append(" ORDER BY ").Append(OrderBy(query.Sort)).Append(" LIMIT $limit OFFSET $offset;");
        var command = Bind(connection.CreateCommand(sql.ToString()), query);
        for (var i = 0; i < priority.Count; i++)
        {
            command.With(PriorityParameter(i), priority[i]);
        }

        return command.With("$limit", query.PageSize).With("$offset", query.Offset);
    }

    /// <summary>Codes that match: each code counts once, whichever of its rows matched.</summary>
    public static SqliteCommand CountCommand(SqliteConnection connection, StockListQuery query)
        => Bind(connection.CreateCommand(
            (query.Source is null ? "SELECT count(DISTINCT a.code)" : "SELECT count(*)") +
            " FROM stock_basic_info a WHERE " + Filters("a", query) + ";"), query);

    /// <summary>Ascending numeric sorts use <c>-x DESC</c> (served by the <c>(-x)</c> indexes) so NULLs stay last.</summary>
    public static string OrderBy(StockSort sort) => sort.Field switch
    {
        StockSortField.Code => sort.Descending ? "a.code DESC" : "a.code",
        _ when sort.Descending => $"a.{sort.FieldName} DESC, a.code",
        _ => $"-a.{sort.FieldName} DESC, a.code",
    };

    /// <summary>Escapes LIKE's wildcards so a keyword is matched literally (with <c>ESCAPE '\'</c>).</summary>
    public static string LikeContains(string keyword)
        => "%" + keyword.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static string Filters(string alias, StockListQuery query)
    {
        var filters = new List<string> { "1 = 1" };
        if (query.Source is not null)
        {
            filters.Add($"{alias}.source = $source");
        }

        if (query.Market is not null)
        {
            filters.Add($"{alias}.market = $market");
        }

        if (query.Industry is not null)
        {
            filters.Add($"{alias}.industry = $industry");
        }

        if (query.Keyword is not null)
        {
            filters.Add($"({alias}.code LIKE $keyword ESCAPE '\\' OR {alias}.name LIKE $keyword ESCAPE '\\')");
        }

        return string.Join(" AND ", filters);
    }

    /// <summary>The source's place in the priority order; sources not in it rank after all of them.</summary>
    private static string Rank(string alias, int count)
    {
        var rank = new StringBuilder($"CASE {alias}.source");
        for (var i = 0; i < count; i++)
        {
            rank.Append(CultureInfo.InvariantCulture, $" WHEN {PriorityParameter(i)} THEN {i}");
        }

        return rank.Append(CultureInfo.InvariantCulture, $" ELSE {count} END").ToString();
    }

    private static string PriorityParameter(int index) => "$p" + index.ToString(CultureInfo.InvariantCulture);

    private static SqliteCommand Bind(SqliteCommand command, StockListQuery query)
    {
        if (query.Source is not null)
        {
            command.With("$source", query.Source);
        }

        if (query.Market is not null)
        {
            command.With("$market", query.Market);
        }

        if (query.Industry is not null)
        {
            command.With("$industry", query.Industry);
        }

        if (query.Keyword is not null)
        {
            command.With("$keyword", LikeContains(query.Keyword));
        }

        return command;
    }
}
