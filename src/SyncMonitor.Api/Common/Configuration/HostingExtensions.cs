using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Health;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Logging;
using SyncMonitor.Api.Common.RateLimiting;
using SyncMonitor.Api.Common.Redis;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Common.Swagger;

namespace SyncMonitor.Api.Common.Configuration;

/// <summary>The shared ground every module stands on.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddCommon(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddShippedDefaults();
        // Before anything (the log, SQLite) creates a file there: files 0600, folders 0700.
        DataDirectoryPermissions.Apply(builder.Configuration.GetValue<string>(nameof(ServiceOptions.DataDirectory)) ?? "./data");
        builder.AddLogging();
        var services = builder.Services;
        services.AddValidatedOptions<ServiceOptions>(string.Empty);
        services.AddSingleton(TimeProvider.System);
        services.AddSnakeCaseJson();
        services.AddLanguages();
        services.AddErrors();
        services.AddStorage();
        services.AddRedis();
        services.AddApiKeyAuth();
        services.AddRateLimits();
        services.AddSpaCors(builder.Configuration);
        services.AddHealth();
        services.AddScheduling();
        services.AddSwagger();
        return builder;
    }

    /// <summary>The <c>appsettings.json</c> shipped beside the binary, at the lowest precedence: started from another
    /// working directory (<c>dotnet path/SyncMonitor.Api.dll</c>) the service still has its defaults (log levels,
    /// sections), while the content root's files, environment variables and command-line flags still win.</summary>
    private static void AddShippedDefaults(this ConfigurationManager configuration)
        => configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });

    /// <summary>The front of the pipeline: correlation id and request log outermost (so the log shows the status the
    /// client got), then errors, CORS, the public Swagger UI, and authentication (who is calling — not yet whether
    /// they may).</summary>
    public static WebApplication UseCommonPipeline(this WebApplication app)
    {
        // Validate every ValidateOnStart option now, before anything reads configuration.
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        app.UseLanguages(); // outermost: every answer below, errors included, is in the request's language
        app.UseRequestLogging();
        app.UseErrors();
        app.UseCors(CorsModule.PolicyName);
        app.MapSwagger(); // public documentation, before the fail-closed authorization
        app.UseRefusalLimit(); // refused too often (401/403) → 429 before authentication, auditing or logging
        app.UseApiKeyAuthentication();
        return app;
    }

    /// <summary>Authorization (fail closed) and rate limits.</summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseExpensiveReadThreadReserve();
        app.UseRateLimiter();
        return app;
    }
}
