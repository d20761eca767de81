using SQLitePCL;
using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>The stored fields a change set compares (code, name, classification, list date, <c>updated_at</c>, the
/// numeric fields; Symbol and FullSymbol are the code), read from a statement stepped through SQLitePCL directly:
/// ADO.NET's per-row reader machinery costs more than SQLite's own work for these narrow rows. Repeated
/// classification values (a few dozen industries, areas, markets) share one string instead of one per row.</summary>
internal sealed class SqliteStockSnapshotRows(string source)
{
    /// <summary>The select list <see cref="ReadAll"/> expects, for table alias <c>t</c>. Column 7 is a bit mask of the
    /// numeric columns that are NULL, so a row costs one call into SQLite per column instead of two (type, value):
    /// those calls, not SQLite's B-tree walk, were most of the read.</summary>
    public const string Columns = "t.code, t.name, t.area, t.industry, t.market, t.list_date, t.updated_at, " +
        "(t.close IS NULL) | (t.pe IS NULL) << 1 | (t.pe_ttm IS NULL) << 2 | (t.pb IS NULL) << 3 | (t.ps IS NULL) << 4 | " +
        "(t.total_share IS NULL) << 5 | (t.float_share IS NULL) << 6 | (t.total_mv IS NULL) << 7 | (t.circ_mv IS NULL) << 8, " +
        "t.close, t.pe, t.pe_ttm, t.pb, t.ps, t.total_share, t.float_share, t.total_mv, t.circ_mv";

    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    /// <summary>Steps <paramref name="statement"/> (selecting <see cref="Columns"/>) to its end, adding each row.</summary>
    public void ReadAll(sqlite3_stmt statement, Action<StockBasic> add, CancellationToken cancellationToken)
    {
        int rc;
        var count = 0;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            if ((++count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            add(Read(statement));
        }

        if (rc != raw.SQLITE_DONE)
        {
            Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, raw.sqlite3_db_handle(statement));
        }
    }

    private StockBasic Read(sqlite3_stmt statement)
    {
        var code = raw.sqlite3_column_text(statement, 0).utf8_to_string();
        var nulls = raw.sqlite3_column_int(statement, 7);
        return new StockBasic
        {
            Code = code,
            Symbol = code,
            FullSymbol = code,
            Source = source,
            Name = raw.sqlite3_column_text(statement, 1).utf8_to_string(),
            Area = Shared(statement, 2),
            Industry = Shared(statement, 3),
            Market = Shared(statement, 4),
            ListDate = Shared(statement, 5),
            UpdatedAt = StoredTime.Parse(raw.sqlite3_column_blob(statement, 6)),
            Close = Real(statement, nulls, 0),
            Pe = Real(statement, nulls, 1),
            PeTtm = Real(statement, nulls, 2),
            Pb = Real(statement, nulls, 3),
            Ps = Real(statement, nulls, 4),
            TotalShare = Real(statement, nulls, 5),
            FloatShare = Real(statement, nulls, 6),
            TotalMv = Real(statement, nulls, 7),
            CircMv = Real(statement, nulls, 8),
        };
    }

    /// <summary>The <paramref name="index"/>-th numeric column (after the mask), null when the mask says so.</summary>
    private static double? Real(sqlite3_stmt statement, int nulls, int index)
        => (nulls & (1 << index)) != 0 ? null : raw.sqlite3_column_double(statement, 8 + index);

    /// <summary>One string per distinct value of these columns, looked up by its characters (a repeat allocates nothing).
    /// NULL and empty both read as null: a change set treats a blank classification or list date as absent.</summary>
    private string? Shared(sqlite3_stmt statement, int column)
    {
        var bytes = raw.sqlite3_column_blob(statement, column);
        if (bytes.IsEmpty)
        {
            return null;
        }

        if (bytes.Length > 64)
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        Span<char> chars = stackalloc char[64];
        var value = chars[..System.Text.Encoding.UTF8.GetChars(bytes, chars)];
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var text))
        {
            text = new string(value);
            _shared[text] = text;
        }

        return text;
    }
}
