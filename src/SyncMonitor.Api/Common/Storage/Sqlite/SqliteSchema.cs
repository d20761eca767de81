namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>A module's DDL for the SQLite provider: idempotent statements (CREATE ... IF NOT EXISTS).</summary>
public sealed record SqliteSchema(string Name, string Ddl);
