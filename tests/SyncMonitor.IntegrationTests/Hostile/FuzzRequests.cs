using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Requests generated from the OpenAPI document, seeded: every operation with path, query and body values
/// drawn from what its schema says (valid-looking) and from hostile pools (wrong types, out-of-range dates, control
/// characters, huge and malformed values, duplicate keys, wrong content types).</summary>
internal sealed partial class FuzzRequests(JsonElement document, int seed)
{
    private static readonly string[] HostileText =
    [
        "", " ", "x", "0", "-1", "1e9", "99999999999999999999", "true", "null", "2024-01-01", "0001-01-01", "9999-12-31",
        "1989-12-31", "2024-02-30", "' OR 1=1 --", "(a+)+$", "同步", "\u202e", "../../etc/passwd", "<script>", "=1+1",
        "{\"a\":1}", new string('a', 3000), "stock_basics-20990101T000000-00000000", "%", "a b",
    ];

    private static readonly string[] RawQueryText = ["%0a%5B00:00:00%20ERR%5D%20forged", "%00", "%ED%A0%80", "%FF%FE", "a%2Fb", "%E2%80%A8"];

    private static readonly string[] RawBodies =
    [
        "", "null", "[]", "{", "{}", "\"text\"", "1e999", "{\"a\":1,\"a\":2}", "{\"start_date\":\"\\ud800\"}",
        string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)), "{\"details\":" + new string('[', 80) + new string(']', 80) + "}",
    ];

    private static readonly string?[] ContentTypes =
        ["application/json", "application/json", "application/json", "application/json; charset=utf-8", null, "text/plain", "application/xml"];

    private readonly Random _random = new(seed);

    public IEnumerable<(string Name, HttpRequestMessage Request, string Key)> Generate(int perOperation, string[] keys)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
            {
                for (var i = 0; i < perOperation; i++)
                {
                    var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    yield return (name, Build(operation.Name, path.Name, operation.Value), keys[_random.Next(keys.Length)]);
                }
            }
        }
    }

    private HttpRequestMessage Build(string method, string template, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var path = PathParameter().Replace(template, _ => Escape(Pick(["x1", "000001.SZ", "demo", "nightly", "1", "stock_basics-20261201T000000-0000abcd", .. HostileText])));
        var query = new List<string>();
        foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "query"))
        {
            if (_random.Next(3) == 0)
            {
                continue;
            }

            query.Add(parameter.GetProperty("name").GetString() + "=" + QueryValue(Type(parameter.GetProperty("schema"))));
        }

        if (_random.Next(4) == 0)
        {
            query.Add("authorization=Bearer%20zz&pwd=p" + _random.Next(100));
        }

        var url = (path.Length == 0 ? "/" : path) + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        if (operation.TryGetProperty("requestBody", out var body) || _random.Next(8) == 0)
        {
            var json = _random.Next(5) == 0 || body.ValueKind != JsonValueKind.Object
                ? Pick(RawBodies)
                : Body(body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema"), 0);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            var contentType = ContentTypes[_random.Next(ContentTypes.Length)];
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Content = content;
        }

        return request;
    }

    private string QueryValue(string type)
    {
        var roll = _random.Next(10);
        return roll switch
        {
            0 => Pick(RawQueryText),
            < 4 => type switch
            {
                "integer" => _random.Next(-2, 300).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "boolean" => _random.Next(2) == 0 ? "true" : "false",
                _ => Escape(Pick(["2024-05-01", "demo", "sync", "k", "viewer"])),
            },
            _ => Escape(Pick(HostileText)),
        };
    }

    private string Body(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        var type = Type(schema);
        if (depth > 3 || _random.Next(12) == 0)
        {
            return Pick(["null", "1", "\"x\"", "true", "[]", "{}", "\"0001-01-01\"", "-1", "1.5", "\"" + new string('z', 2000) + "\""]);
        }

        switch (type)
        {
            case "object":
                var properties = schema.TryGetProperty("properties", out var props) ? props.EnumerateObject().ToList() : [];
                var fields = properties.Where(_ => _random.Next(4) != 0)
                    .Select(prop => JsonSerializer.Serialize(prop.Name) + ":" + Body(prop.Value, depth + 1)).ToList();
                if (properties.Count > 0 && _random.Next(10) == 0)
                {
                    fields.Add(JsonSerializer.Serialize(properties[0].Name) + ":\"dup\""); // a repeated key
                }

                return "{" + string.Join(',', fields) + "}";
            case "array":
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                return "[" + string.Join(',', Enumerable.Range(0, _random.Next(4)).Select(_ => items.ValueKind == JsonValueKind.Object ? Body(items, depth + 1) : "\"x\"")) + "]";
            case "integer":
                return Pick(["0", "1", "5", "-1", "2147483648", "\"12\"", "1e3", "99999999999"]);
            case "boolean":
                return Pick(["true", "false", "\"maybe\"", "1"]);
            default:
                return JsonSerializer.Serialize(Pick(["2024-05-01", "2024-05-31", "demo", "tushare", "manual", "a", .. HostileText]));
        }
    }

    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.GetArrayLength() > 0)
            {
                return Resolve(options[0]);
            }
        }

        return schema;
    }

    private static string Type(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("$ref", out _) ? "object" : "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string"
            : type.GetString() ?? "string";
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private static string Escape(string value) => Uri.EscapeDataString(value);

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex PathParameter();
}
