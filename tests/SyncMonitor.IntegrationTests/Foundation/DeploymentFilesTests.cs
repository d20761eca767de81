using System.Diagnostics;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>The production compose file, checked the way Compose itself reads it (<c>docker-compose config</c>, from
/// Debian's docker-compose package, which needs no engine): MongoDB as the replica set the apps name, two app instances
/// and one proxy in front of them.</summary>
public sealed class DeploymentFilesTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SyncMonitor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SyncMonitor.sln not found above the test binaries.");
    }

    private static async Task<(int ExitCode, string Output)> ComposeConfigAsync(string? adminKeyHash)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", "config"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SYNCMONITOR_ADMIN_KEY_SHA256"] = adminKeyHash;
        if (adminKeyHash is null)
        {
            start.Environment.Remove("SYNCMONITOR_ADMIN_KEY_SHA256");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_compose_file_runs_mongo_as_replica_set_rs0_and_two_app_instances_behind_one_proxy()
    {
        var (exitCode, config) = await ComposeConfigAsync(new string('a', 64));

        exitCode.Should().Be(0, config);
        config.Should().Contain("--replSet").And.Contain("rs0").And.Contain("rs.initiate");
        config.Should().Contain("app1:").And.Contain("app2:").And.Contain("proxy:");
        config.Split('\n').Count(l => l.Contains("Storage__Mongo__ConnectionString: mongodb://mongo:27017/syncmonitor?replicaSet=rs0", StringComparison.Ordinal))
            .Should().Be(2, "both instances name the replica set");
        config.Split('\n').Count(l => l.Contains("published:", StringComparison.Ordinal)).Should().Be(1, "only the proxy is published");
        var proxy = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "nginx.conf"));
        proxy.Should().Contain("ip_hash").And.Contain("Upgrade $http_upgrade").And.Contain("server app1:5080").And.Contain("server app2:5080");
    }

    [Fact]
    public async Task The_compose_file_refuses_to_start_without_the_shared_admin_key()
    {
        var (exitCode, output) = await ComposeConfigAsync(null);

        exitCode.Should().NotBe(0);
        output.Should().Contain("SYNCMONITOR_ADMIN_KEY_SHA256");
    }
}
