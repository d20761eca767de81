using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SyncMonitor.Api.Common.Json;

/// <summary>The SPA contract: snake_case names, enums as lowercase strings, ISO-8601 times with offset.</summary>
public static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Strict input (SPEC §9): a repeated key or a quoted number is a 400, not "last one wins" or a silent parse.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictJsonObjectConverter());
    }

    /// <summary>Options for code outside the HTTP pipeline (files, hubs, stored JSON).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    public static IServiceCollection AddSnakeCaseJson(this IServiceCollection services)
        => services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
}
