using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>Notifications in SQLite. Ids are time-ordered, so (created_at, id) orders notifications made
/// within the same instant too.</summary>
internal sealed class SqliteNotificationStore(SqliteDatabase database) : INotificationStore
{
    private const string Columns = "id, user_id, type, title, content, severity, link, source, status, created_at, read_at, metadata";

    private const string Matching = "user_id = @user AND (@status IS NULL OR status = @status) AND (@type IS NULL OR type = @type)";

    public async Task InsertAsync(Notification notification, NotificationLimits limits, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO notifications ({Columns})
            VALUES (@id, @user, @type, @title, @content, @severity, @link, @source, @status, @created_at, @read_at, @metadata);
            DELETE FROM notifications WHERE user_id = @user AND created_at < @retained_since;
            DELETE FROM notifications WHERE id IN (
                SELECT id FROM notifications WHERE user_id = @user
                ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET @max_per_user);
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand(sql, transaction))
        {
            command.With("@id", notification.Id)
                .With("@user", notification.UserId)
                .With("@type", NotificationNames.Of(notification.Type))
                .With("@title", notification.Title)
                .With("@content", notification.Content)
                .With("@severity", notification.Severity)
                .With("@link", notification.Link)
                .With("@source", notification.Source)
                .With("@status", NotificationNames.Of(notification.Status))
                .With("@created_at", notification.CreatedAt.ToStoredTime())
                .With("@read_at", notification.ReadAt?.ToStoredTime())
                .With("@metadata", notification.Metadata is null ? null : JsonSerializer.Serialize(notification.Metadata))
                .With("@retained_since", limits.RetainedSince.ToStoredTime())
                .With("@max_per_user", limits.MaxPerUser);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<PagedResult<Notification>> ListAsync(string userId, NotificationQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
            $"SELECT {Columns} FROM notifications WHERE {Matching} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset;");
        await using var count = connection.CreateCommand($"SELECT count(*) FROM notifications WHERE {Matching};");
        foreach (var command in new[] { select, count })
        {
            command.With("@user", userId)
                .With("@status", query.Status is { } status ? NotificationNames.Of(status) : null)
                .With("@type", query.Type is { } type ? NotificationNames.Of(type) : null);
        }

        select.With("@limit", query.PageSize).With("@offset", (long)(query.Page - 1) * query.PageSize);
        var items = await ReadAsync(select, cancellationToken);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return new PagedResult<Notification>(items, total, query.Page, query.PageSize);
    }

    public async Task<long> CountUnreadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT count(*) FROM notifications WHERE user_id = @user AND status = 'unread';").With("@user", userId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<Notification?> MarkReadAsync(string userId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            UPDATE notifications SET status = 'read', read_at = coalesce(read_at, @now)
            WHERE id = @id AND user_id = @user RETURNING {Columns};
            """).With("@id", id).With("@user", userId).With("@now", now.ToStoredTime());
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<long> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE notifications SET status = 'read', read_at = @now WHERE user_id = @user AND status = 'unread';")
            .With("@user", userId).With("@now", now.ToStoredTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> PurgeExpiredAsync(DateTimeOffset retainedSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM notifications WHERE created_at < @retained_since;")
            .With("@retained_since", retainedSince.ToStoredTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Notification>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notifications = new List<Notification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notifications.Add(new Notification
            {
                Id = reader.GetString(0),
                UserId = reader.GetString(1),
                Type = NotificationNames.ParseType(reader.GetString(2)),
                Title = reader.GetString(3),
                Content = reader.GetString(4),
                Severity = reader.GetString(5),
                Link = reader.GetNullableString(6),
                Source = reader.GetString(7),
                Status = NotificationNames.ParseStatus(reader.GetString(8)),
                CreatedAt = reader.GetStoredTime(9),
                ReadAt = reader.GetNullableStoredTime(10),
                Metadata = reader.GetNullableString(11) is { } metadata
                    ? JsonSerializer.Deserialize<Dictionary<string, string>>(metadata)
                    : null,
            });
        }

        return notifications;
    }
}
