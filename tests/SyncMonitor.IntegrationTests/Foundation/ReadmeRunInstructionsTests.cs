using System.Diagnostics;
using System.Net;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>The README's start, key and stop instructions, checked against the text and against a real process.</summary>
public sealed class ReadmeRunInstructionsTests
{
    private static string Readme()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SyncMonitor.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
    }

    [Fact]
    public void The_readme_names_the_project_folder_for_the_key_xdg_open_and_how_to_stop()
    {
        var readme = Readme();
        readme.Should().Contain("KEY=$(cat src/SyncMonitor.Api/data/admin.key)")
            .And.Contain("starts the app in the project folder")
            .And.NotContain("relative to the working directory\n", "dotnet run does not start the app where it was typed");
        readme.Split('\n').Where(l => l.TrimStart().StartsWith("open ", StringComparison.Ordinal)).Should().BeEmpty("macOS open is xdg-open on Linux");
        readme.Should().Contain("xdg-open $U/swagger").And.Contain("Ctrl-C").And.Contain("SIGTERM to the app process");
    }

    [Fact]
    public async Task Sigterm_to_the_app_process_stops_it_gracefully_with_exit_code_0()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        using var service = ServiceProcess.Start($"--DataDirectory={dataDirectory}", $"--urls=http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        (await ServiceProcess.PollAsync(() => http.GetAsync("/health/live"))).StatusCode.Should().Be(HttpStatusCode.OK);

        using (var kill = Process.Start("kill", ["-TERM", service.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await service.Process.WaitForExitAsync(timeout.Token);
        service.Process.ExitCode.Should().Be(0, service.Output);
        service.Output.Should().Contain("Application is shutting down");
    }
}
