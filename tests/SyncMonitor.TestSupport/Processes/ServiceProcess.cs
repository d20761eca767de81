using System.Diagnostics;
using System.Text;

namespace SyncMonitor.TestSupport;

/// <summary>The service as a real child process (<c>dotnet SyncMonitor.Api.dll</c>), for what an in-process host cannot
/// show: command-line startup, and crashes (<see cref="Kill"/> is SIGKILL — no graceful shutdown runs).</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SyncMonitor.Api.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Process Process => _process;

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

    public static ServiceProcess Start(params string[] args) => new(args);

    /// <summary>Arguments that configure the test API keys (hashes only), as <c>--Key=Value</c>.</summary>
    public static IEnumerable<string> TestKeyArguments() => TestApiKeys.AsConfiguration().Select(kv => $"--{kv.Key}={kv.Value}");

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>Retries a call until the service answers (it is still starting) or a minute passes.</summary>
    public static async Task<HttpResponseMessage> PollAsync(Func<Task<HttpResponseMessage>> call)
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

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
