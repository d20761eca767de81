using System.Net;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>The README's run command, as a real process: command-line overrides, the generated admin key,
/// the health probe, and a bad setting stopping startup with one line.</summary>
public sealed class ProcessStartTests
{
    [Fact]
    public async Task Command_line_overrides_start_the_service_on_a_fresh_data_directory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        using var service = ServiceProcess.Start($"--DataDirectory={dataDirectory}", $"--urls=http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var live = await ServiceProcess.PollAsync(() => http.GetAsync("/health/live"));

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        var keyPath = Path.Combine(dataDirectory, "admin.key");
        File.Exists(keyPath).Should().BeTrue();
        var key = (await File.ReadAllTextAsync(keyPath)).Trim();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(Path.Combine(dataDirectory, "syncmonitor.db")).Should().BeTrue();
        service.Output.Should().Contain(keyPath, "the log says where the admin key is")
            .And.NotContain(key, "the key itself never reaches the log");
    }

    [Theory]
    [InlineData("Storage:Provider", "--Storage:Provider=Oracle")]
    [InlineData("Storage:Mongo:ConnectionString is required", "--Storage:Provider=Mongo")]
    [InlineData("must start with mongodb://", "--Storage:Provider=Mongo", "--Storage:Mongo:ConnectionString=http://x")]
    [InlineData("MutatingPermitsPerMinute", "--RateLimiting:MutatingPermitsPerMinute=0")]
    [InlineData("KeyHash must be a hex SHA-256", "--Auth:ApiKeys:0:UserId=u", "--Auth:ApiKeys:0:Name=n", "--Auth:ApiKeys:0:KeyHash=nothex")]
    [InlineData("Sync:HeartbeatSeconds must be at most half", "--Sync:LeaseSeconds=10", "--Sync:HeartbeatSeconds=8")]
    public async Task A_bad_setting_exits_non_zero_with_one_clear_line(string expected, params string[] settings)
    {
        using var service = ServiceProcess.Start([.. settings, "--DataDirectory=" + Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"))]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await service.Process.WaitForExitAsync(timeout.Token);
        service.Process.WaitForExit(); // drains the redirected output

        service.Process.ExitCode.Should().Be(2);
        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith("Configuration error:", StringComparison.Ordinal))
            .Which.Should().Contain(expected);
        service.Output.Should().NotContain("   at ");
    }
}
