using Microsoft.Playwright;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>One headless Chromium (the system's, <c>/usr/bin/chromium</c>, installed by test.sh) driven by
/// Playwright, shared by the browser tests. Playwright's own browser download is never used: it needs the
/// internet. Launched on first use, so a machine without Chromium skips the tests instead of failing them.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => File.Exists(ExecutablePath)
        ? null
        : $"{ExecutablePath} is missing: install the Debian packages chromium and fonts-noto-cjk (test.sh does) to run the browser tests.";

    public async Task<IBrowserContext> NewContextAsync()
    {
        var browser = await BrowserAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            return _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = 120_000, // a loaded 2-core machine starts Chromium slowly
            });
        }
        finally
        {
            _launch.Release();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardBrowserCollection : ICollectionFixture<ChromiumFixture>
{
    /// <summary>Run alone, after the parallel tests: a browser and a live sync on 2 cores need the machine.</summary>
    public const string Name = "Dashboard browser";
}
