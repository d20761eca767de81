using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>The body Tushare answers: <c>{request_id, code, msg, data: {fields, items, has_more}}</c>.</summary>
internal sealed record TushareResponse(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("msg")] string? Msg,
    [property: JsonPropertyName("data")] TushareData? Data);

internal sealed record TushareData(
    [property: JsonPropertyName("fields")] string[]? Fields,
    [property: JsonPropertyName("items")] JsonElement[][]? Items,
    [property: JsonPropertyName("has_more")] bool HasMore);

/// <summary>Rows as arrays in <c>fields</c> order, read by field name. A cell may be null (no value: a loss-making
/// company's PE) or a number sent as a string (trade_cal's <c>is_open</c> is documented as str).</summary>
internal sealed class TushareTable(IReadOnlyList<string> fields, IReadOnlyList<JsonElement[]> rows)
{
    private readonly Dictionary<string, int> _index = fields
        .Select((name, i) => (name, i))
        .ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

    public IReadOnlyList<JsonElement[]> Rows { get; } = rows;

    /// <summary>"field unavailable" notes for requested fields the answer did not list (their values stay empty).</summary>
    public IReadOnlyList<string> Unavailable(string api, string requestedFields)
        => requestedFields.Split(',')
            .Where(field => !_index.ContainsKey(field))
            .Select(field => $"tushare {api}: field unavailable: the answer has no {field}, stored empty")
            .ToList();

    public string? Text(JsonElement[] row, string field)
    {
        var value = Cell(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public double? Number(JsonElement[] row, string field)
    {
        var value = Cell(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                => double.IsFinite(parsed) ? parsed : null,
            _ => null,
        };
    }

    private JsonElement Cell(JsonElement[] row, string field)
        => _index.TryGetValue(field, out var i) && i < row.Length ? row[i] : default;
}
