using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Alerts.Delivery;

namespace SyncMonitor.Api.Modules.Alerts.Storage;

/// <summary>The outbox in SQLite. A channel's lease is one upsert whose conflict clause only takes a free, expired
/// or own lease, so concurrent acquirers (any connection, any process) see exactly one row change.</summary>
internal sealed class SqliteAlertDeliveryStore(SqliteDatabase database) : IAlertDeliveryStore
{
    private const string Columns = "id, alert_id, channel, channel_type, event, alert, status, attempts, last_error, created_at, "
        + "next_attempt_at, last_attempt_at, delivered_at, message_id";

    private const string Unfinished = "status IN ('pending', 'retrying')";

    /// <summary>Writes new deliveries inside the caller's transaction (the alert store's event step).</summary>
    public static async Task InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            await using var insert = connection.CreateCommand($"""
                INSERT INTO alert_deliveries ({Columns})
                VALUES (@id, @alert_id, @channel, @type, @event, @alert, @status, 0, NULL, @at, @at, NULL, NULL, NULL);
                """, transaction)
                .With("@id", delivery.Id)
                .With("@alert_id", delivery.AlertId)
                .With("@channel", delivery.Channel)
                .With("@type", AlertChannelNames.Of(delivery.ChannelType))
                .With("@event", AlertDeliveryNames.Of(delivery.Event))
                .With("@alert", AlertDeliveryNames.Serialize(delivery.Alert))
                .With("@status", AlertDeliveryNames.Of(AlertDeliveryStatus.Pending))
                .With("@at", delivery.CreatedAt.ToStoredTime());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<bool> TryAcquireChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO alert_channels (channel, owner, lease_until) VALUES (@channel, @owner, @until)
            ON CONFLICT (channel) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
            WHERE alert_channels.owner IS NULL OR alert_channels.owner = excluded.owner OR alert_channels.lease_until <= @now;
            """;
        return await ExecuteAsync(sql, cancellationToken,
            ("@channel", channel), ("@owner", owner), ("@until", (now + lease).ToStoredTime()), ("@now", now.ToStoredTime())) == 1;
    }

    public async Task<bool> RenewChannelAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
        => await ExecuteAsync("UPDATE alert_channels SET lease_until = @until WHERE channel = @channel AND owner = @owner;",
            cancellationToken, ("@channel", channel), ("@owner", owner), ("@until", (now + lease).ToStoredTime())) == 1;

    public Task ReleaseChannelAsync(string channel, string owner, CancellationToken cancellationToken)
        => ExecuteAsync("UPDATE alert_channels SET owner = NULL, lease_until = NULL WHERE channel = @channel AND owner = @owner;",
            cancellationToken, ("@channel", channel), ("@owner", owner));

    public Task<IReadOnlyList<AlertDelivery>> QueueAsync(string channel, int limit, CancellationToken cancellationToken)
        => ReadAsync($"SELECT {Columns} FROM alert_deliveries WHERE channel = @channel AND {Unfinished} ORDER BY created_at, id LIMIT @limit;",
            cancellationToken, ("@channel", channel), ("@limit", limit));

    public async Task<long> CountMessagesSinceAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "SELECT count(DISTINCT message_id) FROM alert_deliveries WHERE channel = @channel AND delivered_at >= @since;")
            .With("@channel", channel).With("@since", since.ToStoredTime());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkDeliveredAsync(IReadOnlyList<string> ids, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand($"""
                UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = @now,
                    delivered_at = @now, message_id = @message, last_error = NULL
                WHERE id = @id AND {Unfinished};
                """, transaction).With("@id", id).With("@now", now.ToStoredTime()).With("@message", messageId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RecordFailureAsync(
        IReadOnlyList<string> ids, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt, int maxAttempts, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand($"""
                UPDATE alert_deliveries SET attempts = attempts + 1, last_attempt_at = @now, last_error = @error,
                    status = CASE WHEN attempts + 1 >= @max THEN 'failed' ELSE 'retrying' END, next_attempt_at = @next
                WHERE id = @id AND {Unfinished}
                RETURNING status;
                """, transaction)
                .With("@id", id).With("@now", now.ToStoredTime()).With("@error", error)
                .With("@max", maxAttempts).With("@next", nextAttemptAt.ToStoredTime());
            if (await command.ExecuteScalarAsync(cancellationToken) is "failed")
            {
                failed.Add(id);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return failed;
    }

    public Task<IReadOnlyList<AlertDelivery>> ListForAlertAsync(string alertId, CancellationToken cancellationToken)
        => ReadAsync($"SELECT {Columns} FROM alert_deliveries WHERE alert_id = @alert ORDER BY created_at, id;",
            cancellationToken, ("@alert", alertId));

    public async Task<long> CountUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT count(*) FROM alert_deliveries WHERE {Unfinished};");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task RelayStrandedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<AlertDelivery>> ReadAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return await command.ReadAllAsync(Read, cancellationToken);
    }

    private static AlertDelivery Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        AlertId = reader.GetString(1),
        Channel = reader.GetString(2),
        ChannelType = AlertDeliveryNames.ParseType(reader.GetString(3)),
        Event = AlertDeliveryNames.ParseEvent(reader.GetString(4)),
        Alert = AlertDeliveryNames.Deserialize(reader.GetString(5)),
        Status = AlertDeliveryNames.ParseStatus(reader.GetString(6)),
        Attempts = reader.GetInt32(7),
        LastError = reader.GetNullableString(8),
        CreatedAt = reader.GetStoredTime(9),
        NextAttemptAt = reader.GetStoredTime(10),
        LastAttemptAt = reader.GetNullableStoredTime(11),
        DeliveredAt = reader.GetNullableStoredTime(12),
        MessageId = reader.GetNullableString(13),
    };
}
