using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>Alerts in SQLite. De-duplication rests on the unique partial index over the fingerprints of open
/// alerts: one <c>INSERT … ON CONFLICT DO UPDATE</c> either opens the alert or counts the repeat.</summary>
internal sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string Columns = "id, rule, level, fingerprint, title, message, labels, status, count, first_seen, last_seen, "
        + "last_notified_at, last_notified_level, acknowledged_by, acknowledged_at, resolved_by, resolved_at, created_at";

    private const string Open = "status IN ('firing', 'acknowledged')";

    public async Task<Alert> RecordFiringAsync(AlertOccurrence occurrence, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO alerts ({Columns})
            VALUES (@id, @rule, @level, @fingerprint, @title, @message, @labels, 'firing', 1, @at, @at,
                    NULL, NULL, NULL, NULL, NULL, NULL, @at)
            ON CONFLICT (fingerprint) WHERE {Open} DO UPDATE SET
                count = count + 1,
                last_seen = max(last_seen, excluded.last_seen),
                level = excluded.level,
                title = excluded.title,
                message = excluded.message
            RETURNING {Columns};
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql)
            .With("@id", occurrence.NewId)
            .With("@rule", occurrence.Rule)
            .With("@level", AlertNames.Of(occurrence.Level))
            .With("@fingerprint", occurrence.Fingerprint)
            .With("@title", occurrence.Title)
            .With("@message", occurrence.Message)
            .With("@labels", SerializeLabels(occurrence.Labels))
            .With("@at", occurrence.At.ToStoredTime());
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    public async Task<AlertAnnouncement?> TryClaimNotificationAsync(
        string id, AlertLevel level, DateTimeOffset now, DateTimeOffset repeatDueAt, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        // One immediate transaction: the claim and its deliveries are written together or not at all.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var read = connection.CreateCommand($"SELECT {Columns} FROM alerts WHERE id = @id;", transaction).With("@id", id);
        var before = (await ReadAsync(read, cancellationToken)).SingleOrDefault();
        if (before is null || !before.IsAnnouncementDue(level, repeatDueAt))
        {
            return null;
        }

        await using var update = connection.CreateCommand(
                "UPDATE alerts SET last_notified_at = @now, last_notified_level = @level WHERE id = @id;", transaction)
            .With("@id", id).With("@now", now.ToStoredTime()).With("@level", AlertNames.Of(level));
        await update.ExecuteNonQueryAsync(cancellationToken);
        var announced = before with { LastNotifiedAt = now, LastNotifiedLevel = level };
        var kind = before.AnnouncementKind(level);
        var deliveries = plan(announced, kind, now);
        await SqliteAlertDeliveryStore.InsertAsync(connection, transaction, deliveries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AlertAnnouncement(announced, kind, deliveries);
    }

    public Task<Alert?> ResolveOpenAsync(string fingerprint, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
        => ResolveWhereAsync("fingerprint = @key", fingerprint, resolvedBy, now, plan, cancellationToken);

    public Task<AlertTransition> AcknowledgeAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken)
        => TransitionAsync(id, $"""
            UPDATE alerts SET status = 'acknowledged', acknowledged_by = @user, acknowledged_at = @now
            WHERE id = @id AND status = 'firing' RETURNING {Columns};
            """, userId, now, cancellationToken);

    public async Task<AlertTransition> ResolveAsync(string id, string userId, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        if (await ResolveWhereAsync("id = @key", id, userId, now, plan, cancellationToken) is { } resolved)
        {
            return new AlertTransition(AlertChange.Changed, resolved);
        }

        return await GetAsync(id, cancellationToken) switch
        {
            null => new AlertTransition(AlertChange.NotFound, null),
            var other => new AlertTransition(AlertChange.AlreadyResolved, other),
        };
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM alerts WHERE id = @id;").With("@id", id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<AlertList> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        const string filter = "(@status IS NULL OR status = @status) AND (@level IS NULL OR level = @level)";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
            $"SELECT {Columns} FROM alerts WHERE {filter} ORDER BY last_seen DESC, id DESC LIMIT @limit;");
        await using var count = connection.CreateCommand($"SELECT count(*) FROM alerts WHERE {filter};");
        foreach (var command in new[] { select, count })
        {
            command.With("@status", query.Status is { } status ? AlertNames.Of(status) : null)
                .With("@level", query.Level is { } level ? AlertNames.Of(level) : null);
        }

        select.With("@limit", query.Limit);
        var items = await ReadAsync(select, cancellationToken);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return new AlertList(items, total);
    }

    public async Task<IReadOnlyDictionary<AlertLevel, long>> CountFiringByLevelAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT level, count(*) FROM alerts WHERE status = 'firing' GROUP BY level;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<AlertLevel, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[AlertNames.ParseLevel(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<AlertTransition> TransitionAsync(string id, string sql, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand(sql).With("@id", id).With("@user", userId).With("@now", now.ToStoredTime()))
        {
            if ((await ReadAsync(command, cancellationToken)).SingleOrDefault() is { } changed)
            {
                return new AlertTransition(AlertChange.Changed, changed);
            }
        }

        return await GetAsync(id, cancellationToken) switch
        {
            null => new AlertTransition(AlertChange.NotFound, null),
            { Status: AlertStatus.Resolved } resolved => new AlertTransition(AlertChange.AlreadyResolved, resolved),
            var unchanged => new AlertTransition(AlertChange.Unchanged, unchanged),
        };
    }

    /// <summary>Resolves the open alert matching <paramref name="condition"/> and writes the resolution's deliveries,
    /// in one immediate transaction.</summary>
    private async Task<Alert?> ResolveWhereAsync(
        string condition, string key, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand($"""
            UPDATE alerts SET status = 'resolved', resolved_by = @by, resolved_at = @now
            WHERE {condition} AND {Open}
            RETURNING {Columns};
            """, transaction).With("@key", key).With("@by", resolvedBy).With("@now", now.ToStoredTime());
        var resolved = (await ReadAsync(command, cancellationToken)).SingleOrDefault();
        if (resolved is not null)
        {
            await SqliteAlertDeliveryStore.InsertAsync(connection, transaction, plan(resolved, AlertEventKind.Resolved, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return resolved;
    }

    private static string SerializeLabels(IReadOnlyDictionary<string, string> labels)
        => JsonSerializer.Serialize(new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal));

    private static async Task<List<Alert>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new Alert
            {
                Id = reader.GetString(0),
                Rule = reader.GetString(1),
                Level = AlertNames.ParseLevel(reader.GetString(2)),
                Fingerprint = reader.GetString(3),
                Title = reader.GetString(4),
                Message = reader.GetString(5),
                Labels = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6)) ?? [],
                Status = AlertNames.ParseStatus(reader.GetString(7)),
                Count = reader.GetInt64(8),
                FirstSeen = reader.GetStoredTime(9),
                LastSeen = reader.GetStoredTime(10),
                LastNotifiedAt = reader.GetNullableStoredTime(11),
                LastNotifiedLevel = reader.GetNullableString(12) is { } notified ? AlertNames.ParseLevel(notified) : null,
                AcknowledgedBy = reader.GetNullableString(13),
                AcknowledgedAt = reader.GetNullableStoredTime(14),
                ResolvedBy = reader.GetNullableString(15),
                ResolvedAt = reader.GetNullableStoredTime(16),
                CreatedAt = reader.GetStoredTime(17),
            });
        }

        return alerts;
    }
}
