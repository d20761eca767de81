using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace SyncMonitor.Api.Common.Localization;

/// <summary>One language per response: zh-CN (the seeds' users) unless <c>Accept-Language</c> asks for English.
/// Only the UI culture changes; number and date formatting stays invariant so wire formats never depend on it.</summary>
public static class LocalizationModule
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly CultureInfo DefaultCulture = CultureInfo.GetCultureInfo(Chinese);

    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, DefaultCulture);
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            options.SupportedUICultures = [DefaultCulture, CultureInfo.GetCultureInfo(English)];
            options.FallBackToParentUICultures = true;
            options.ApplyCurrentCultureToResponseHeaders = true;
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Outermost of the common pipeline, so error handlers and status-code pages answer in the same language.</summary>
    public static IApplicationBuilder UseLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>A stored language tag (<c>en</c>, <c>zh-CN</c>) as a supported culture, else the default.</summary>
    public static CultureInfo Resolve(string? language)
        => language is not null && language.StartsWith(English, StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo(English)
            : DefaultCulture;
}
