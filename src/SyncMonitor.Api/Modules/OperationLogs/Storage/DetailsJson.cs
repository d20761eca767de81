using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>Details as stored text. Non-ASCII stays readable (not \u-escaped) so that a keyword such as 同步
/// matches the stored text literally.</summary>
internal static class DetailsJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonObject details) => details.ToJsonString(Options);

    /// <summary>A keyword as it appears inside stored JSON text (quotes and backslashes escaped), so that a
    /// literal search of the text finds it in keys and values.</summary>
    public static string EncodeFragment(string text)
    {
        var encoded = JsonSerializer.Serialize(text, Options);
        return encoded[1..^1];
    }

    public static JsonObject Parse(string? json)
        => string.IsNullOrEmpty(json) ? [] : JsonNode.Parse(json) as JsonObject ?? [];
}
