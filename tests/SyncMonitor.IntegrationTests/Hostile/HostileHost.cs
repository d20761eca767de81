using System.Net;
using System.Text;
using System.Text.Json;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>The real host with request logging at Information, so a test can read every line the console and the
/// file got (the file sink under <c>DataDirectory/logs</c>).</summary>
public class HostileHost : SyncMonitorFactory
{
    public HostileHost()
    {
        With("Serilog:MinimumLevel:Default", "Information");
        With("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
    }

    /// <summary>Everything written to the log files so far.</summary>
    public string ReadLog()
    {
        var text = new StringBuilder();
        var directory = Path.Combine(DataDirectory, "logs");
        if (!Directory.Exists(directory))
        {
            return string.Empty;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>The log lines that mention <paramref name="marker"/>, e.g. a unique path.</summary>
    public IReadOnlyList<string> LogLines(string marker)
        => ReadLog().Split('\n').Where(line => line.Contains(marker, StringComparison.Ordinal)).ToList();
}

internal static class HostileAssertions
{
    /// <summary>Asserts the status, that the body is problem+json without a stack trace or .NET type name, and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain("   at ").And.NotContain("System.").And.NotContain("Nullable").And.NotContain("Int32")
            .And.NotContain("Exception");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The field names in <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem)
        => problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];

    public static StringContent Json(string json, string? contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }
}
