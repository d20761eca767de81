using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SyncMonitor.IntegrationTests.Infrastructure;

/// <summary>The real host on a fresh temporary data directory (real SQLite file), with one API key per role
/// and generous rate limits. Settings can be added or overridden per test. A data directory passed in is the
/// caller's (it survives disposal, to test restarts); one made here is deleted with the host.</summary>
public class SyncMonitorFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];
    private readonly bool _ownsDataDirectory;

    public SyncMonitorFactory()
        : this(null)
    {
    }

    /// <summary>A host on a caller-owned data directory (kept after disposal), e.g. two hosts sharing one store.</summary>
    public static SyncMonitorFactory ForDataDirectory(string dataDirectory) => new(dataDirectory);

    protected SyncMonitorFactory(string? dataDirectory, bool withTestKeys = true)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        foreach (var setting in withTestKeys ? TestApiKeys.AsConfiguration() : [])
        {
            _settings[setting.Key] = setting.Value;
        }

        _settings["DataDirectory"] = DataDirectory;
        _settings["RateLimiting:MutatingPermitsPerMinute"] = "100000";
        _settings["RateLimiting:ExportPermitsPerMinute"] = "100000";
        _settings["RateLimiting:RefusedPermitsPerMinute"] = "100000";
        _settings["Serilog:MinimumLevel:Default"] = "Warning";
        // Scheduled work (nightly sync, integrity checks) must not fire in the middle of an unrelated test; tests of
        // the scheduler switch it back on.
        _settings["Scheduler:Enabled"] = "false";
    }

    public string DataDirectory { get; }

    public SyncMonitorFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public SyncMonitorFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>Puts <typeparamref name="T"/> behind the fault-injection kit: <paramref name="faults"/> decides, call by
    /// call, whether the host's real store is reached or fails, hangs or cancels.</summary>
    public SyncMonitorFactory WithFaults<T>(FaultPlan faults) where T : class
        => WithServices(services => services.InjectFaults<T>(faults));

    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Command-line-like precedence: these win over appsettings.json.
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        foreach (var setting in _settings)
        {
            builder.UseSetting(setting.Key, setting.Value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory)
        {
            TryDeleteDataDirectory();
        }
    }

    private void TryDeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file may still be held by a background writer; the temp directory is disposable anyway
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
