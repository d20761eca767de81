using SQLitePCL;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>Which keys of a batch are already stored: one query per chunk of up to <see cref="Chunk"/> keys, the keys
/// bound as a <c>VALUES</c> list joined to the table's primary key (SQLite scans the list and probes the key).</summary>
internal static class SqliteExistingKeys
{
    private const int Chunk = 500;

    public static HashSet<string> Read<T>(sqlite3 db, FencedTable<T> table, IReadOnlyList<T> rows)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var columns = table.KeyColumns;
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, rows.Count - start);
            using var statement = SqliteRowBinder.Prepare(db, Sql(table.Table, columns, count));
            var binder = new SqliteRowBinder(statement);
            for (var i = start; i < start + count; i++)
            {
                foreach (var part in table.KeyOf(rows[i]))
                {
                    binder.Text(part);
                }
            }

            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                existing.Add(raw.sqlite3_column_text(statement, 0).utf8_to_string());
            }

            if (rc != raw.SQLITE_DONE)
            {
                Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        return existing;
    }

    private static string Sql(string table, IReadOnlyList<string> columns, int count)
    {
        var tuple = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        var values = string.Join(", ", Enumerable.Repeat(tuple, count));
        var join = string.Join(" AND ", columns.Select((c, i) => $"t.{c} = k.column{i + 1}"));
        var key = string.Join(" || '|' || ", columns.Select(c => "t." + c));
        return $"SELECT {key} FROM (VALUES {values}) AS k JOIN {table} AS t ON {join};";
    }
}
