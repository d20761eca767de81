using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics.Prometheus;

/// <summary>A real Prometheus server on a free loopback port, scraping one target every second and evaluating the
/// shipped rules every second, with its own temporary storage. Killed and deleted on disposal.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(string target, string rulesFile)
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", "prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
              - "{rulesFile}"
            scrape_configs:
              - job_name: syncmonitor
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = FreePort.Next();
        var info = new ProcessStartInfo(PrometheusTools.Executable("prometheus"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[]
                 {
                     "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory, "data"),
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new PrometheusServer(Process.Start(info)!, directory, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.UntilAsync(async () => (await server.Http.GetAsync("/-/ready")).IsSuccessStatusCode, "Prometheus to be ready");
        return server;
    }

    /// <summary>An instant query's result vector; fails on a query error.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var response = await Http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("success", $"Prometheus evaluates `{promql}`: {body}");
        return body.GetProperty("data").GetProperty("result");
    }

    public async Task<JsonElement> AlertsAsync()
        => (await Http.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("data").GetProperty("alerts");

    /// <summary>Polls until <paramref name="condition"/> holds; bounded, never a timing assertion.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // still starting
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited in vain for {what}; Prometheus output:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
