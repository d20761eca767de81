using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>Binds one row's values to a prepared statement by position (<c>?1</c>, <c>?2</c>, … in call order).
/// Text goes in as UTF-16 straight from the string (SQLite converts it), so binding allocates nothing.</summary>
public sealed class SqliteRowBinder(sqlite3_stmt statement)
{
    private int _next = 1;

    /// <summary>Prepares <paramref name="sql"/> on the connection, throwing the usual <see cref="SqliteException"/> on error.</summary>
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return statement ?? throw new InvalidOperationException("The SQL text holds no statement.");
    }

    /// <summary>Resets the statement for the next row and starts binding at <c>?1</c> again.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(statement);
        _next = 1;
    }

    public SqliteRowBinder Text(string? value)
    {
        var index = _next++;
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value.AsSpan()));
        return this;
    }

    /// <summary>Binds UTF-8 text as it is (SQLite copies it): no UTF-16 string and no conversion in SQLite.</summary>
    public SqliteRowBinder Utf8Text(ReadOnlySpan<byte> value)
    {
        var index = _next++;
        Check(raw.sqlite3_bind_text(statement, index, value));
        return this;
    }

    public SqliteRowBinder Real(double? value)
    {
        var index = _next++;
        Check(value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));
        return this;
    }

    public SqliteRowBinder Integer(long? value)
    {
        var index = _next++;
        Check(value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));
        return this;
    }

    /// <summary>Steps a statement that returns no rows, throwing the usual <see cref="SqliteException"/> on error.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, raw.sqlite3_db_handle(statement));
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, raw.sqlite3_db_handle(statement));
        }
    }
}
