using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Http;

public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins of the SPA; none by default. Also covers the SignalR hub.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

public static class CorsModule
{
    public const string PolicyName = "spa";

    public static IServiceCollection AddSpaCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CorsOptions>(CorsOptions.Section);
        var origins = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>()?.AllowedOrigins ?? [];
        services.AddCors(options => options.AddPolicy(PolicyName, policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
            }
        }));
        return services;
    }
}
