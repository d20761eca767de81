using Serilog;
using Serilog.Events;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Logging;

public static class LoggingModule
{
    /// <summary>Serilog to the console and a daily rolling file under <c>DataDirectory/logs</c>. Each host has its own
    /// logger (the static <c>Log.Logger</c> is left alone), so two hosts in one process never write to each other's file.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration.GetValue<string>(nameof(ServiceOptions.DataDirectory)) ?? "./data";
        var logFile = Path.Combine(Path.GetFullPath(dataDirectory), "logs", "syncmonitor-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Routing", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(logFile, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return builder;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        // Logs the path only, never the query string, so tokens in a query never reach a log.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (context, http) => context.Set(CorrelationIdMiddleware.LogProperty, http.TraceIdentifier);
        });
        return app;
    }
}
