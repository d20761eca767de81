namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>A module's DDL for the SQLite provider: idempotent statements (CREATE ... IF NOT EXISTS), preceded by
/// the <see cref="Migrations"/> that bring a file written by an older version to the shape the DDL assumes.</summary>
public sealed record SqliteSchema(string Name, string Ddl, IReadOnlyList<SqliteMigration>? Migrations = null);

/// <summary>One change to an existing file: <see cref="Sql"/> runs, in the same immediate transaction, only when
/// <see cref="Needed"/> (a query returning one integer) returns non-zero — so it runs once, and a second instance
/// starting at the same time waits for the first and then finds nothing left to do.</summary>
public sealed record SqliteMigration(string Name, string Needed, string Sql);
