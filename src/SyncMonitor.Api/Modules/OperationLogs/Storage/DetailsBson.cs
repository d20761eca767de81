using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>Details in a Mongo document, built node by node from the JSON tree — never parsed as Extended JSON, where
/// a key such as <c>$date</c> or <c>$numberLong</c> means something and a request could make every insert throw. Keys stay
/// literal (MongoDB 5.0+ stores <c>$</c>-prefixed and dotted names in inserted documents) and numbers keep their value.
/// Details that one BSON document cannot hold without loss (a key containing NUL, a number beyond every BSON number
/// type, nesting deeper than BSON allows) are stored as their JSON text instead; the reader accepts both.</summary>
internal static class DetailsBson
{
    // BSON documents nest at most 100 levels; the details sit one level down in their entry.
    private const int MaxDepth = 90;

    public static BsonValue ToBson(JsonObject details)
        => TryConvert(details, 0, out var value) ? value : new BsonString(DetailsJson.Serialize(details));

    public static JsonObject ToJson(BsonValue stored) => stored switch
    {
        BsonString text => DetailsJson.Parse(text.Value),
        BsonDocument document => (JsonObject)ToNode(document)!,
        _ => [],
    };

    private static bool TryConvert(JsonNode? node, int depth, out BsonValue value)
    {
        value = BsonNull.Value;
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (node)
        {
            case null:
                return true;
            case JsonObject obj:
                var document = new BsonDocument(allowDuplicateNames: false);
                foreach (var (key, child) in obj)
                {
                    if (key.Contains('\0', StringComparison.Ordinal) || !TryConvert(child, depth + 1, out var converted))
                    {
                        return false;
                    }

                    document.Add(key, converted);
                }

                value = document;
                return true;
            case JsonArray array:
                var items = new BsonArray(array.Count);
                foreach (var child in array)
                {
                    if (!TryConvert(child, depth + 1, out var converted))
                    {
                        return false;
                    }

                    items.Add(converted);
                }

                value = items;
                return true;
            default:
                return TryConvertValue(node.AsValue(), out value);
        }
    }

    private static bool TryConvertValue(JsonValue node, out BsonValue value)
    {
        value = BsonNull.Value;
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                value = new BsonString(node.GetValue<string>());
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                value = BsonBoolean.Create(node.GetValueKind() == JsonValueKind.True);
                return true;
            case JsonValueKind.Number:
                return TryConvertNumber(node.ToJsonString(), out value);
            default:
                return true;
        }
    }

    /// <summary>Whole numbers as Int32/Int64, beyond Int64 as Decimal128 (34 exact digits); fractions as doubles, which
    /// is what a JSON reader makes of them. Anything else would change the value.</summary>
    private static bool TryConvertNumber(string text, out BsonValue value)
    {
        value = BsonNull.Value;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            value = whole is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)whole) : new BsonInt64(whole);
            return true;
        }

        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact)
                && Decimal128.TryParse(text, out var big)
                && BigInteger.TryParse(big.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var back)
                && back == exact)
            {
                value = new BsonDecimal128(big);
                return true;
            }

            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && double.IsFinite(fraction))
        {
            value = new BsonDouble(fraction);
            return true;
        }

        return false;
    }

    private static JsonNode? ToNode(BsonValue value) => value switch
    {
        BsonDocument document => new JsonObject(document.Elements.Select(e => KeyValuePair.Create(e.Name, ToNode(e.Value)))),
        BsonArray array => new JsonArray(array.Select(ToNode).ToArray()),
        BsonString text => JsonValue.Create(text.Value),
        BsonBoolean flag => JsonValue.Create(flag.Value),
        BsonInt32 number => JsonValue.Create(number.Value),
        BsonInt64 number => JsonValue.Create(number.Value),
        BsonDouble number => JsonValue.Create(number.Value),
        BsonDecimal128 number => JsonNode.Parse(number.Value.ToString()),
        BsonNull or BsonUndefined => null,
        // Not written by this version; shown as the shell would show it.
        _ => JsonNode.Parse(value.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson })),
    };
}
