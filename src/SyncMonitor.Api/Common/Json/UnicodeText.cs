using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Common.Json;

/// <summary>Text that can be stored and serialized: no lone UTF-16 surrogate (JSON's <c>"\ud800"</c> decodes to one,
/// and writing it back fails).</summary>
public static class UnicodeText
{
    public static bool IsWellFormed(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every key and string value of <paramref name="node"/>, at any depth.</summary>
    public static bool IsWellFormed(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(p => IsWellFormed(p.Key) && IsWellFormed(p.Value)),
        JsonArray array => array.All(IsWellFormed),
        JsonValue value when value.TryGetValue<string>(out var text) => IsWellFormed(text),
        _ => true,
    };
}
