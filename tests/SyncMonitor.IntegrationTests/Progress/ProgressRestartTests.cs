using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Progress;

public sealed class ProgressRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", "progress-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_a_host_restart_on_the_same_data_directory_progress_is_still_answered_from_the_file()
    {
        var finished = ProgressTestKit.NewTaskId();
        var interrupted = ProgressTestKit.NewTaskId();
        using (var first = SyncMonitorFactory.ForDataDirectory(_dataDirectory))
        {
            var done = await first.StartAsync(finished);
            await done.CompleteStepAsync("fetch_list");
            await done.MarkCompletedAsync("all rows");

            var running = await first.StartAsync(interrupted);
            await running.CompleteStepAsync("fetch_list");
            await running.ReportAsync("normalize", 0.5);
            // No tick needs to have run: a graceful stop writes what is still pending.
        }

        using var second = SyncMonitorFactory.ForDataDirectory(_dataDirectory);
        var viewer = second.CreateClient(TestApiKeys.Viewer);

        var completed = (await viewer.ReadProgressAsync(finished))!.Value;
        completed.Status().Should().Be("completed");
        completed.Percent().Should().Be(100);
        completed.GetProperty("message").GetString().Should().Be("all rows");

        var lastKnown = (await viewer.ReadProgressAsync(interrupted))!.Value;
        lastKnown.Status().Should().Be("running");
        lastKnown.Percent().Should().Be(35);
        lastKnown.GetProperty("current_step").GetString().Should().Be("normalize");
    }

    [Theory]
    [InlineData("Progress:MaxUpdatesPerSecond", "0", nameof(ProgressOptions.MaxUpdatesPerSecond))]
    [InlineData("Progress:TtlHours", "0", nameof(ProgressOptions.TtlHours))]
    public void A_bad_progress_setting_is_refused_with_the_key_named(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddProgress().BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<ProgressOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void The_progress_settings_default_to_a_24_hour_ttl_and_4_updates_a_second()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddProgress().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ProgressOptions>>().Value;

        options.Ttl.Should().Be(TimeSpan.FromHours(24));
        options.UpdateInterval.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
