using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.RateLimiting;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.OperationLogs.Endpoints;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Retention;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.Api.Modules.OperationLogs;

/// <summary>The OperationLogs module's whole surface: its services and its endpoints.</summary>
public static class OperationLogsModule
{
    public static IServiceCollection AddOperationLogs(this IServiceCollection services)
    {
        services.AddOperationLogStorage();
        services.AddStartupSeries<OperationLogMetrics>();
        services.AddSingleton<OperationLogQueue>();
        services.AddSingleton<ClientIpResolver>();
        services.AddSingleton<IClientAddress>(provider => provider.GetRequiredService<ClientIpResolver>());
        services.AddSingleton<RequestAuditor>();
        services.AddHostedService<OperationLogWriter>();
        services.AddHostedService<OperationLogDropReporter>();
        services.AddScheduledJob<OperationLogRetentionJob>(OperationLogRetentionJob.Name, "0 30 3 * * ?",
            "Retention at 03:30: deletes operation logs older than OperationLogs:RetentionDays");

        // Every problem response passes through here: its detail becomes the audited error message, with no
        // response buffering.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                AuditContext.SetProblem(context.HttpContext, context.ProblemDetails.Detail ?? context.ProblemDetails.Title);
            };
        });
        return services;
    }

    /// <summary>Options, the store of both providers (schema, indexes) and retention: all that reading and
    /// writing entries needs without the HTTP side (store contract tests and benchmarks use it alone).</summary>
    internal static IServiceCollection AddOperationLogStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<OperationLogOptions>(OperationLogOptions.Section);
        services.AddSingleton<IValidateOptions<OperationLogOptions>, OperationLogOptionsValidator>();
        services.AddStore<IOperationLogStore, SqliteOperationLogStore, MongoOperationLogStore>();
        services.AddSqliteSchema("operation_logs", SqliteOperationLogSchema.Ddl);
        // Registered as a factory because the TTL comes from configuration.
        services.AddSingleton(sp => MongoOperationLogQueries.Indexes(
            sp.GetRequiredService<IOptions<OperationLogOptions>>().Value.RetentionDays));
        services.AddSingleton<OperationLogRetention>();
        return services;
    }

    /// <summary>Audits requests; placed after authentication (knows the user) and before authorization
    /// (so 401/403/429 answers are audited too).</summary>
    public static IApplicationBuilder UseOperationLogs(this IApplicationBuilder app)
    {
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<OperationLogOptions>>().Value.Enabled;
        return enabled ? app.UseMiddleware<OperationLogMiddleware>() : app;
    }

    public static IEndpointRouteBuilder MapOperationLogs(this IEndpointRouteBuilder endpoints)
    {
        var logs = endpoints.MapGroup(OperationLogApiPaths.Base).WithTags("OperationLogs");
        logs.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        logs.MapGet("/list", OperationLogReadEndpoints.ListAsync)
            .RequireAuthorization(Policies.Viewer)
            .LimitedAsExpensiveRead()
            .WithName("ListOperationLogs")
            .WithSummary("Operation logs, newest first, filtered and paged")
            .Produces<PagedResult<OperationLog>>()
            .ProducesValidationProblem();

        logs.MapGet("/stats", OperationLogReadEndpoints.StatsAsync)
            .RequireAuthorization(Policies.Viewer)
            .LimitedAsExpensiveRead()
            .WithName("GetOperationLogStats")
            .WithSummary("Totals, success rate, average duration, per action type, per UTC day and top users")
            .ProducesValidationProblem();

        logs.MapGet("/export/csv", OperationLogExportEndpoint.Export)
            .RequireAuthorization(Policies.Operator)
            .RateLimitedAsExport()
            .Audited(AuditActionTypes.Export, "Export operation logs as CSV")
            .WithName("ExportOperationLogsCsv")
            .WithSummary("The filtered operation logs as CSV (UTF-8 with BOM), streamed")
            .Produces(StatusCodes.Status200OK, contentType: OperationLogExportEndpoint.ContentType)
            .ProducesValidationProblem(); // its 429s (export limit, slow reads, refusals) come from OperationDocumentationFilter

        logs.MapPost("/create", OperationLogWriteEndpoints.CreateAsync)
            .RequireAuthorization(Policies.Operator)
            .Audited(AuditActionTypes.OperationLog, "Create a manual operation log entry")
            .WithName("CreateOperationLog")
            .WithSummary("Records a manual entry for the calling user")
            .ProducesValidationProblem();

        logs.MapPost("/clear", OperationLogWriteEndpoints.ClearAsync)
            .RequireAuthorization(Policies.Admin)
            .Audited(AuditActionTypes.OperationLog, "Clear operation logs")
            .WithName("ClearOperationLogs")
            .WithSummary("Removes entries before a time (or older than N days), optionally of one action type")
            .ProducesValidationProblem();

        logs.MapGet("/{id}", OperationLogReadEndpoints.GetAsync)
            .RequireAuthorization(Policies.Viewer)
            .WithName("GetOperationLog")
            .Produces<OperationLog>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
