using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Common.Configuration;

internal static class OptionsRegistration
{
    /// <summary>Binds a section (or the root when <paramref name="section"/> is empty), validates data annotations
    /// and any <see cref="IValidateOptions{TOptions}"/>, and fails startup on a bad value.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        var builder = services.AddOptions<T>();
        builder = section.Length == 0
            ? builder.BindConfiguration(string.Empty)
            : builder.BindConfiguration(section);
        return builder.ValidateDataAnnotations().ValidateOnStart();
    }
}
