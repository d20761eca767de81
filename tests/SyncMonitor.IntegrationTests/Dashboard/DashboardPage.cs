using Microsoft.Playwright;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>The dashboard in a browser tab: how a person uses it (type the key, click) and what they see.
/// Collects what would show in the browser console as an error, and counts page loads (live updates must not
/// need one).</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    /// <summary>Generous: a loaded 2-core machine runs the host, a sync and Chromium at once.</summary>
    public const float Timeout = 90_000;

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly List<string> _webSockets = [];

    private DashboardPage(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, message) =>
        {
            // A failed fetch (e.g. a 404 the page handles) is logged by Chromium itself; scripts' errors and
            // policy violations ("Refused to …") are what matter here.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => Record("uncaught: " + error);
        page.WebSocket += (_, socket) => Record(socket.Url, _webSockets);
        page.Load += (_, _) => Interlocked.Increment(ref _loads);
    }

    private int _loads;

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public int Loads => Volatile.Read(ref _loads);

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IReadOnlyList<string> WebSockets
    {
        get
        {
            lock (_webSockets)
            {
                return [.. _webSockets];
            }
        }
    }

    /// <param name="beforeOpening">Runs on the new tab before the page loads (routes, a fake clock).</param>
    public static async Task<DashboardPage> OpenAsync(ChromiumFixture chromium, DashboardHost host, Func<IPage, Task>? beforeOpening = null)
    {
        var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page, host.BaseAddress);
        if (beforeOpening is not null)
        {
            await beforeOpening(page);
        }

        await page.GotoAsync(host.BaseAddress.ToString());
        return dashboard;
    }

    public ILocator Id(string id) => Page.Locator("#" + id);

    public ILocator Locator(string selector) => Page.Locator(selector);

    /// <summary>Types the key into the form; the page stores it and reloads into the board.</summary>
    public async Task SubmitKeyAsync(string apiKey)
    {
        await Assertions.Expect(Id("key-form")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Id("key-input").FillAsync(apiKey);
        await Id("key-submit").ClickAsync();
    }

    /// <summary>Signs in and waits until the board shows who is signed in and the hub is connected.</summary>
    public async Task SignInAsync(string apiKey, string expectedName, bool expectLiveConnection = true)
    {
        await SubmitKeyAsync(apiKey);
        await Assertions.Expect(Id("board")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(Id("who")).ToContainTextAsync(expectedName, new() { Timeout = Timeout });
        if (expectLiveConnection)
        {
            await Assertions.Expect(Id("live-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Timeout });
        }
    }

    /// <summary>The progress bar's value as the page shows it (aria-valuenow).</summary>
    public async Task<double> ProgressAsync()
        => double.Parse(await Id("task-progress").GetAttributeAsync("aria-valuenow") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Watches the bar until it reaches 100, returning every value seen on the way.</summary>
    public async Task<IReadOnlyList<double>> WatchProgressUntilCompleteAsync()
    {
        var seen = new List<double>();
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout * 2);
        while (DateTime.UtcNow < deadline)
        {
            var value = await ProgressAsync();
            if (seen.Count == 0 || seen[^1] != value)
            {
                seen.Add(value);
            }

            if (value >= 100)
            {
                return seen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The progress bar did not reach 100 %; it showed {string.Join(", ", seen)}.");
    }

    /// <summary>A full-page screenshot under the repository's TestResults/dashboard (or the test output
    /// directory when the repository is not found); returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotDirectory(), name);
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)"); // else the sticky header lands mid-picture
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public static string ScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SyncMonitor.sln")))
        {
            directory = directory.Parent;
        }

        var target = directory is null
            ? Path.Combine(AppContext.BaseDirectory, "screenshots")
            : Path.Combine(directory.FullName, "TestResults", "dashboard");
        Directory.CreateDirectory(target);
        return target;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string text) => Record(text, _errors);

    private static void Record(string text, List<string> list)
    {
        lock (list)
        {
            list.Add(text);
        }
    }
}
