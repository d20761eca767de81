using Testcontainers.MongoDb;

namespace SyncMonitor.IntegrationTests.Infrastructure;

/// <summary>Finds a MongoDB for the live contract tests: <c>SYNCMONITOR_TEST_MONGO</c> first, else a
/// Testcontainers MongoDB when a Docker engine answers. When neither is there the tests are skipped with
/// the reason, never passed.</summary>
public static class MongoAvailability
{
    public const string EnvironmentVariable = "SYNCMONITOR_TEST_MONGO";

    private static readonly Lazy<Task<(string? ConnectionString, string Reason)>> Probe = new(ProbeAsync);

    public static async Task<string> RequireConnectionStringAsync()
    {
        var (connectionString, reason) = await Probe.Value;
        Skip.If(connectionString is null, reason);
        return connectionString!;
    }

    private static async Task<(string?, string)> ProbeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, "configured");
        }

        if (!DockerEngineAnswers())
        {
            return (null, $"MongoDB not available: set {EnvironmentVariable} (no Docker engine answers either)");
        }

        try
        {
            var container = new MongoDbBuilder("mongo:7").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await container.StartAsync(timeout.Token);
            // Testcontainers' reaper removes the container when the test process ends.
            return (container.GetConnectionString(), "testcontainers");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, $"MongoDB not available: Docker answered but the mongo:7 container did not start ({ex.GetType().Name}: {ex.Message}).");
        }
    }

    private static bool DockerEngineAnswers()
        => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");
}
