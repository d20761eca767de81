using Microsoft.AspNetCore.Http.Connections;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>Browsers send the API key as <c>access_token</c> in the hub's query string; it must never be written
/// to the log, even with every category at Verbose. (The request log line itself carries the path only; the
/// hosting diagnostics that would print the full URL stay pinned at Warning by the logging setup.)</summary>
public sealed class HubTokenLoggingTests
{
    [Fact]
    public async Task An_access_token_in_the_query_never_reaches_the_log_file()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var wrongKey = "wrong-key-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var host = SyncMonitorFactory.ForDataDirectory(dataDirectory)
                       .With("Serilog:MinimumLevel:Default", "Verbose")
                       .With("Serilog:MinimumLevel:Override:Microsoft", "Verbose")
                       .With("Serilog:MinimumLevel:Override:System", "Verbose")
                       .With("Serilog:MinimumLevel:Override:SyncMonitor.Api.Common.Auth", "Verbose"))
            {
                await using (await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer, keyInQuery: true))
                await using (await HubTestClient.ConnectAsync(host, TestApiKeys.Viewer, keyInQuery: true, HttpTransportType.WebSockets))
                {
                }

                var refused = () => HubTestClient.ConnectAsync(host, wrongKey, keyInQuery: true);
                await refused.Should().ThrowAsync<HttpRequestException>();
            }

            var log = string.Concat(Directory.EnumerateFiles(Path.Combine(dataDirectory, "logs")).Select(File.ReadAllText));
            log.Should().Contain("Establishing new connection", "the hub's own verbose logging reached the file");
            log.Should().NotContain(TestApiKeys.Viewer).And.NotContain(wrongKey).And.NotContain("access_token=");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
