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
            .Enrich.With<ControlCharacterEscaper>() // last: covers the properties every other enricher added
            .WriteTo.Console(outputTemplate: SafeExceptionText.ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(logFile, outputTemplate: SafeExceptionText.FileTemplate, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>Outside the exception handler, so the line carries the status the client got: 5xx at Error, 4xx and
    /// the rest at Information, never with a stack trace (the handler logs a 500's exception once, itself). A request
    /// refused by the refusal limiter is logged at Debug: a flood cannot grow the log.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        // Logs the path only, never the query string, so tokens in a query never reach a log.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (context, http) => context.Set(CorrelationIdMiddleware.LogProperty, http.TraceIdentifier);
            options.GetLevel = (http, _, exception) => exception is null ? LevelFor(http) : LogEventLevel.Error;
        });
        return app;
    }

    /// <summary>Marks a request whose answer needs no line of its own in the log (it is counted elsewhere).</summary>
    public static void SuppressRequestLogLine(this HttpContext http) => http.Items[QuietKey] = true;

    private static readonly object QuietKey = new();

    private static LogEventLevel LevelFor(HttpContext http) => http.Response.StatusCode switch
    {
        _ when http.Items.ContainsKey(QuietKey) => LogEventLevel.Debug,
        >= StatusCodes.Status500InternalServerError => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
