using System.Text.Json;
using System.Text.RegularExpressions;

namespace SyncMonitor.Api.Common.Errors;

/// <summary>The framework's binding failures in plain words: which field, and what it must be. The framework's own
/// messages name .NET types (<c>Nullable&lt;int&gt; limit</c>) and JSON exceptions name CLR types, so neither is
/// ever echoed; only the parameter's or property's name is taken from them.</summary>
internal static partial class BindingErrors
{
    public const string BodyField = "body";

    public static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return DescribeJson(json);
        }

        var match = Parameter().Match(exception.Message);
        var field = match.Success ? FieldName(match.Groups["name"].Value) : "request";
        var type = match.Groups["type"].Value;
        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            && (exception.Message.StartsWith("Implicit body", StringComparison.Ordinal) || exception.Message.Contains("was not provided from body", StringComparison.Ordinal)
                || exception.Message.Contains("request body", StringComparison.Ordinal) || !match.Success))
        {
            return (BodyField, "A JSON body is required for this endpoint.");
        }

        if (exception.Message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            return (field, $"{field} is required.");
        }

        return match.Success ? (field, $"{field} must be {Kind(type)}.") : ("request", "The request could not be read.");
    }

    private static (string Field, string Message) DescribeJson(JsonException json)
    {
        var path = json.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? BodyField : FieldName(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$'));
        if (json.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return (field, $"{field}: a key appears more than once; send each key once.");
        }

        // The reader's own failures (a cut-off body, a stray character) are malformed JSON; the rest are a value of the
        // wrong type for its field (a quoted number, text for a flag, an object for a list …).
        if (json.Message.Contains("UTF-16", StringComparison.Ordinal) || json.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
        {
            return (field, $"{field} must be valid Unicode text (an escape such as \\ud800 without its pair is not).");
        }

        if (json.InnerException?.GetType().Name == "JsonReaderException")
        {
            return (BodyField, "The request body is not valid JSON.");
        }

        return field == BodyField
            ? (BodyField, "The request body must be a JSON object with the documented fields.")
            : (field, $"{field} has a value of the wrong type: numbers unquoted, text in quotes, flags true or false.");
    }

    /// <summary><c>pageSize</c> → <c>page_size</c>; a JSON path keeps its own (already snake_case) spelling.</summary>
    private static string FieldName(string name)
        => name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal) || name.Contains('_', StringComparison.Ordinal)
            ? name
            : JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string Kind(string type)
    {
        var bare = Nullable().Replace(type, "$1").Trim().TrimEnd('?').ToLowerInvariant();
        return bare switch
        {
            "int" or "int32" or "long" or "int64" or "short" or "int16" or "uint" or "ulong" or "byte" => "a whole number",
            "double" or "decimal" or "float" or "single" => "a number",
            "bool" or "boolean" => "true or false",
            "dateonly" => "a date (YYYY-MM-DD)",
            "datetime" or "datetimeoffset" => "an ISO-8601 time",
            "guid" => "an id",
            _ => "a valid value",
        };
    }

    [GeneratedRegex("parameter \"(?:(?<type>[^\"]*)\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    [GeneratedRegex("Nullable<([^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex Nullable();
}
