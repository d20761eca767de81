using System.Net;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

public sealed class AdminKeyTests
{
    private sealed class NoKeysFactory : SyncMonitorFactory
    {
        public NoKeysFactory(string directory)
            : base(directory, withTestKeys: false)
        {
        }
    }

    [Fact]
    public async Task Without_configured_keys_an_admin_key_is_generated_once_with_mode_0600_and_works()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        string firstKey;
        using (var host = new NoKeysFactory(directory))
        {
            _ = host.CreateClient();
            var path = Path.Combine(directory, ApiKeyRegistry.AdminKeyFileName);
            File.Exists(path).Should().BeTrue();
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            firstKey = (await File.ReadAllTextAsync(path)).Trim();
            var response = await host.CreateClient(firstKey).GetAsync(AuthApiPaths.Me);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"role\":\"admin\"");
        }

        using (var restarted = new NoKeysFactory(directory))
        {
            var response = await restarted.CreateClient(firstKey).GetAsync(AuthApiPaths.Me);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a restart keeps the key it generated the first time");
            (await File.ReadAllTextAsync(Path.Combine(directory, ApiKeyRegistry.AdminKeyFileName))).Trim().Should().Be(firstKey);
        }
    }
}
