using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>An <c>operation_logs</c> document. Details stay a sub-document with literal keys (see <see cref="DetailsBson"/>);
/// <see cref="SearchText"/> holds action, username and details as text for the literal keyword search (a regex cannot
/// look into a sub-document).</summary>
internal sealed class OperationLogDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    [BsonElement("user_id")]
    public string UserId { get; set; } = string.Empty;

    [BsonElement("username")]
    public string Username { get; set; } = string.Empty;

    [BsonElement("action_type")]
    public string ActionType { get; set; } = string.Empty;

    [BsonElement("action")]
    public string Action { get; set; } = string.Empty;

    [BsonElement("details")]
    public BsonValue Details { get; set; } = new BsonDocument();

    [BsonElement("success")]
    public bool Success { get; set; }

    [BsonElement("error_message")]
    public string? ErrorMessage { get; set; }

    [BsonElement("duration_ms")]
    public long? DurationMs { get; set; }

    [BsonElement("ip_address")]
    public string? IpAddress { get; set; }

    [BsonElement("user_agent")]
    public string? UserAgent { get; set; }

    [BsonElement("session_id")]
    public string? SessionId { get; set; }

    [BsonElement("timestamp")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime Timestamp { get; set; }

    /// <summary>A BSON date, so the TTL index can expire the document.</summary>
    [BsonElement("created_at")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement("search_text")]
    public string SearchText { get; set; } = string.Empty;

    public static OperationLogDocument From(OperationLog entry)
    {
        var details = DetailsJson.Serialize(entry.Details);
        return new OperationLogDocument
        {
            Id = entry.Id,
            UserId = entry.UserId,
            Username = entry.Username,
            ActionType = entry.ActionType,
            Action = entry.Action,
            Details = DetailsBson.ToBson(entry.Details),
            Success = entry.Success,
            ErrorMessage = entry.ErrorMessage,
            DurationMs = entry.DurationMs,
            IpAddress = entry.IpAddress,
            UserAgent = entry.UserAgent,
            SessionId = entry.SessionId,
            Timestamp = entry.Timestamp.UtcDateTime,
            CreatedAt = entry.CreatedAt.UtcDateTime,
            SearchText = entry.Action + "\n" + entry.Username + "\n" + details,
        };
    }

    public OperationLog ToEntry() => new()
    {
        Id = Id,
        UserId = UserId,
        Username = Username,
        ActionType = ActionType,
        Action = Action,
        Details = DetailsBson.ToJson(Details),
        Success = Success,
        ErrorMessage = ErrorMessage,
        DurationMs = DurationMs,
        IpAddress = IpAddress,
        UserAgent = UserAgent,
        SessionId = SessionId,
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(Timestamp, DateTimeKind.Utc)),
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
    };
}
