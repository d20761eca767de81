using System.Globalization;
using System.Text.Json;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>One page of a query answer, read by position as the Python client reads it: error_code, error_msg, method,
/// user, cur_page, per_page, data (<c>{"record": [[…], …]}</c>, or empty when the page has no rows), the query's own
/// arguments, and last the field list (<c>code, code_name, ipoDate, …</c> — with or without spaces).</summary>
internal sealed record PageAnswer(int Page, int PerPage, IReadOnlyList<string[]> Rows, IReadOnlyList<string> Fields)
{
    private const int FirstArgument = 7;

    public static PageAnswer Read(string method, int askedPage, BaoStockMessage message)
    {
        var body = message.Fields;
        if (body.Count < FirstArgument + 1)
        {
            throw new BaoStockFrameException($"{method} answer has {body.Count} fields, expected at least {FirstArgument + 1}");
        }

        if (body[2] != method)
        {
            throw new BaoStockFrameException($"asked {method}, the answer is for '{body[2]}'");
        }

        var page = Number(method, "cur_page", body[4]);
        if (page != askedPage)
        {
            throw new BaoStockFrameException($"{method}: asked for page {askedPage}, the answer is page {page}");
        }

        var perPage = Number(method, "per_page", body[5]);
        var fields = body[^1].Split(',').Select(f => f.Trim()).ToArray();
        return new PageAnswer(page, perPage, Records(method, body[6]), fields);
    }

    private static int Number(string method, string name, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BaoStockFrameException($"{method} answer has {name} '{text}', not a page number");

    private static List<string[]> Records(string method, string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (!document.RootElement.TryGetProperty("record", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new BaoStockFrameException($"{method} data has no record array");
            }

            return records.EnumerateArray()
                .Select(row => row.EnumerateArray().Select(cell => cell.ValueKind == JsonValueKind.Null ? string.Empty : cell.ToString()).ToArray())
                .ToList();
        }
        catch (JsonException ex)
        {
            throw new BaoStockFrameException($"{method} data is not JSON: {ex.Message}", ex);
        }
    }
}

/// <summary>Rows of one query, read by field name.</summary>
internal sealed class BaoStockTable(IReadOnlyList<string> fields, IReadOnlyList<string[]> rows)
{
    public IReadOnlyList<string[]> Rows { get; } = rows;

    public string? Value(string[] row, string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return i < row.Length ? row[i] : null;
            }
        }

        return null;
    }
}
