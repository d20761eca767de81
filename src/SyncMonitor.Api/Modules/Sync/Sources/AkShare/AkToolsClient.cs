using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary>AKTools' public API: <c>GET {BaseUrl}/api/public/{function}?{params}</c> → a JSON array of records
/// (AKShare's column names, mostly Chinese; NaN arrives as null). Errors come as <c>{"error": "..."}</c>, with
/// 404 for an unknown function.</summary>
internal sealed class AkToolsClient(IHttpClientFactory http, IOptions<AkShareOptions> options)
{
    public async Task<IReadOnlyList<JsonElement>> GetRecordsAsync(string function, IReadOnlyDictionary<string, string>? parameters,
        CancellationToken cancellationToken)
    {
        var client = http.CreateClient(SourceNames.AkShare);
        using var response = await client.GetAsync(RequestUri(function, parameters), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode < HttpStatusCode.InternalServerError
            && await ReadErrorAsync(response, cancellationToken) is { } error)
        {
            throw new AkToolsException(function, $"HTTP {(int)response.StatusCode}: {error}");
        }

        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var message))
        {
            throw new AkToolsException(function, message.ToString());
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"{function} answered a JSON {root.ValueKind}, not an array of records");
        }

        return root.EnumerateArray().Select(record => record.Clone()).ToList();
    }

    private Uri RequestUri(string function, IReadOnlyDictionary<string, string>? parameters)
    {
        var query = parameters is { Count: > 0 }
            ? "?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))
            : string.Empty;
        return new Uri($"{options.Value.BaseUrl!.TrimEnd('/')}/api/public/{Uri.EscapeDataString(function)}{query}");
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.TryGetProperty("error", out var error) ? error.ToString() : null;
        }
        catch (JsonException)
        {
            return null; // not AKTools' error shape; the status code speaks for itself
        }
    }
}
