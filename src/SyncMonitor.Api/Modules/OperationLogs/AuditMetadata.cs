namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>Endpoint metadata: what the operation log records for a call of this endpoint. Every mutating
/// endpoint carries it; a read endpoint carrying it (an export, a login) is audited too.</summary>
public sealed record AuditMetadata(string ActionType, string Action);

public static class AuditEndpointExtensions
{
    /// <summary>Marks the endpoint for the operation log, e.g. <c>.Audited("sync", "Run stock-basics sync")</c>.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string actionType, string action)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new AuditMetadata(actionType, action));
}

/// <summary>Action types used across modules (the <c>action_type</c> column).</summary>
public static class AuditActionTypes
{
    public const string Sync = "sync";
    public const string Scheduler = "scheduler";
    public const string Consistency = "consistency";
    public const string Monitoring = "monitoring";
    public const string Compensation = "compensation";
    public const string Alert = "alert";
    public const string Notification = "notification";
    public const string OperationLog = "operation_log";
    public const string Export = "export";
    public const string Auth = "auth";
    public const string Manual = "manual";
}
