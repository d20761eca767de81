using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 row 6 and issue 13 item 9: the log shows the status the client got, 4xx at Information without
/// a stack trace, and request data can never forge a line.</summary>
public sealed class LogForgingTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public LogForgingTests(HostileHost host) => _host = host;

    [Fact]
    public async Task A_newline_in_the_path_cannot_forge_a_log_line()
    {
        var marker = "forge" + Guid.NewGuid().ToString("N")[..8];
        var response = await _host.CreateClient(apiKey: null)
            .GetAsync($"/{marker}%0a%5B03:53:00%20WRN%5D%20Admin%20key%20rotated%0d%1b[31mred");
        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);

        var log = await EventuallyAsync(() => _host.LogLines(marker), lines => lines.Count > 0);
        log.Should().ContainSingle().Which.Should().Contain(@"\n[03:53:00 WRN] Admin key rotated\r\u001b[31mred");
        _host.ReadLog().Split('\n').Should().NotContain(line => line.StartsWith("[03:53:00 WRN]", StringComparison.Ordinal)
            || line.StartsWith(" Admin key rotated", StringComparison.Ordinal) || line.Contains('\u001b'));
    }

    [Fact]
    public async Task A_refused_request_is_logged_with_its_400_at_information_without_a_stack_trace()
    {
        var session = "t" + Guid.NewGuid().ToString("N")[..8];
        var client = _host.CreateClient(TestApiKeys.Operator);
        using var malformed = HostileAssertions.Json("{\"action_type\": ");
        (await client.PostAsync($"/api/system/logs/create?{session}=1", malformed)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/monitoring/alerts?limit=1e9&{session}=1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var lines = await EventuallyAsync(() => _host.LogLines("/api/system/logs/create"), l => l.Any(x => x.Contains("responded 400")));
        lines.Should().Contain(l => l.Contains("[INF]") && l.Contains("responded 400"));
        lines.Should().NotContain(l => l.Contains("responded 500"));
        var log = _host.ReadLog();
        log.Should().NotContain("[ERR]").And.NotContain("   at ").And.NotContain("BadHttpRequestException");
    }

    [Fact]
    public async Task An_exception_message_carrying_request_data_cannot_forge_a_line_and_its_stack_is_kept()
    {
        await using var host = new HostileHost(); // its own log: the other tests assert no stack trace in theirs
        _ = host.CreateClient(apiKey: null); // starts the host
        var marker = "exc" + Guid.NewGuid().ToString("N")[..8];
        Exception thrown;
        try
        {
            try
            {
                throw new FormatException($"bad value '{marker}\n[03:53:00 WRN] Admin key rotated\u001b[31m'");
            }
            catch (FormatException inner)
            {
                throw new InvalidOperationException($"outer {marker}\r\nfake line", inner);
            }
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test.Forging");
        logger.LogError(thrown, "A failure for {Marker}", marker);

        var log = await EventuallyAsync(() => host.ReadLog(), text => text.Contains("fake line", StringComparison.Ordinal));
        log.Should().Contain($@"bad value '{marker}\n[03:53:00 WRN] Admin key rotated\u001b[31m'")
            .And.Contain($@"outer {marker}\r\nfake line")
            .And.Contain("   at ", "the stack trace keeps its own lines")
            .And.NotContain("SafeException", "a line without an exception prints nothing in its place");
        log.Split('\n').Should().NotContain(line => line.StartsWith("[03:53:00 WRN]", StringComparison.Ordinal)
            || line.StartsWith("fake line", StringComparison.Ordinal) || line.Contains('\u001b'));
    }

    internal static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
