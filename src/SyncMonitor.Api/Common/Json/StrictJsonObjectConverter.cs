using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SyncMonitor.Api.Common.Json;

/// <summary>Reads free-form JSON objects (e.g. a manual entry's <c>details</c>) refusing a repeated key at any depth
/// with a <see cref="JsonException"/> (a 400), where the framework's own converter throws an
/// <see cref="ArgumentException"/> (a 500) or lets the last one win.</summary>
internal sealed class StrictJsonObjectConverter : JsonConverter<JsonObject>
{
    public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a JSON object.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return (JsonObject)Convert(document.RootElement)!;
        }
        catch (InvalidOperationException)
        {
            // A key or string whose escapes decode to a lone UTF-16 surrogate ("\ud800").
            throw new JsonException("Text that is not valid Unicode (incomplete UTF-16 surrogate pair).");
        }
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (obj.ContainsKey(property.Name))
                    {
                        throw new JsonException("A duplicate key in an object.");
                    }

                    obj[property.Name] = Convert(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
