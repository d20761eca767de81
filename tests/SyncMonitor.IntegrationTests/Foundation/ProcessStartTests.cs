using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>The README's run command, as a real process: command-line overrides, the generated admin key,
/// the health probe, and a bad setting stopping startup with one line.</summary>
public sealed class ProcessStartTests
{
    private static string AppDll => Path.Combine(AppContext.BaseDirectory, "SyncMonitor.Api.dll");

    [Fact]
    public async Task Command_line_overrides_start_the_service_on_a_fresh_data_directory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var output = new StringBuilder();
        using var process = Start(output, $"--DataDirectory={dataDirectory}", $"--urls=http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var live = await PollAsync(() => http.GetAsync("/health/live"));
            live.StatusCode.Should().Be(HttpStatusCode.OK);

            var keyPath = Path.Combine(dataDirectory, "admin.key");
            File.Exists(keyPath).Should().BeTrue();
            http.DefaultRequestHeaders.Add("X-Api-Key", (await File.ReadAllTextAsync(keyPath)).Trim());
            (await http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
            File.Exists(Path.Combine(dataDirectory, "syncmonitor.db")).Should().BeTrue();
            lock (output)
            {
                output.ToString().Should().Contain(keyPath, "the log says where the admin key is")
                    .And.NotContain((File.ReadAllText(keyPath)).Trim(), "the key itself never reaches the log");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("Storage:Provider", "--Storage:Provider=Oracle")]
    [InlineData("Storage:Mongo:ConnectionString is required", "--Storage:Provider=Mongo")]
    [InlineData("must start with mongodb://", "--Storage:Provider=Mongo", "--Storage:Mongo:ConnectionString=http://x")]
    [InlineData("MutatingPermitsPerMinute", "--RateLimiting:MutatingPermitsPerMinute=0")]
    [InlineData("KeyHash must be a hex SHA-256", "--Auth:ApiKeys:0:UserId=u", "--Auth:ApiKeys:0:Name=n", "--Auth:ApiKeys:0:KeyHash=nothex")]
    public async Task A_bad_setting_exits_non_zero_with_one_clear_line(string expected, params string[] settings)
    {
        var output = new StringBuilder();
        using var process = Start(output, [.. settings, "--DataDirectory=" + Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"))]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // drains the redirected output

        process.ExitCode.Should().Be(2);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith("Configuration error:", StringComparison.Ordinal))
            .Which.Should().Contain(expected);
        output.ToString().Should().NotContain("   at ");
    }

    private static Process Start(StringBuilder output, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpResponseMessage> PollAsync(Func<Task<HttpResponseMessage>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
