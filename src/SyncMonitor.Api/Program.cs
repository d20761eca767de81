using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Health;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency;
using SyncMonitor.Api.Modules.Dashboard;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Metrics.Tracing;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.Api.Modules.Sync;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCommon(); // options, logging, storage, Redis, JSON, errors, auth, rate limits, CORS, health, Swagger
    builder.AddTracing(); // OpenTelemetry traces over OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set
    builder.Services
        .AddPrometheusMetrics()
        .AddProgress()
        .AddSync()
        .AddOperationLogs()
        .AddConsistency()
        .AddAlerts()
        .AddNotifications()
        .AddStocks()
        .AddDashboard();

    var app = builder.Build();
    app.UsePrometheusMetrics(); // outermost: HTTP metrics by route template with the status the client got
    app.UseCommonPipeline();   // errors, correlation id + request log, CORS, Swagger, authentication
    app.UseDashboard();        // the static page is public; it sends the API key on every call
    app.UseOperationLogs();    // audits mutating calls, including the ones refused below
    app.UseAccessControl();    // authorization (fail closed) and rate limits

    app.MapHealth();
    app.MapAuth();
    app.MapScheduler();
    app.MapSync();
    app.MapProgress();
    app.MapOperationLogs();
    app.MapConsistency();
    app.MapAlerts();
    app.MapNotifications();
    app.MapStocks();
    app.MapPrometheusMetrics();

    await app.RunAsync();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A bad setting stops startup with one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
    return 2;
}
catch (InvalidOperationException ex) when (ex.InnerException is FormatException)
{
    // A value of the wrong type (e.g. Storage:Provider=Oracle) is a configuration error too.
    await Console.Error.WriteLineAsync("Configuration error: " + ex.Message);
    return 2;
}

/// <summary>The host's entry point; public so integration tests can start it.</summary>
public partial class Program;
