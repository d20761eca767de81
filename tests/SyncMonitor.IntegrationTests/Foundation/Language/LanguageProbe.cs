using System.Net.Http.Json;
using System.Text.Json;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>Sends a request in a language (null: no <c>Accept-Language</c>, so zh-CN) and tells whether a text is
/// Chinese, English, or a mix of both.</summary>
internal static class LanguageProbe
{
    public const string Cjk = @"\p{IsCJKUnifiedIdeographs}";

    public static async Task<(JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, string? language, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    public static Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string path, string? language)
        => SendAsync(client, HttpMethod.Get, path, language);

    /// <summary>The client asks for English answers (a test that pins the English wording of a message).</summary>
    public static HttpClient InEnglish(this HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary>The body as JSON text with its non-ASCII characters readable (not \u-escaped).</summary>
    public static string Text(JsonElement body)
        => JsonSerializer.Serialize(body, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
