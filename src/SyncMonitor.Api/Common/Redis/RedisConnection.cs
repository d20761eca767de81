using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SyncMonitor.Api.Common.Redis;

/// <summary>The one Redis multiplexer of the process, when Redis is configured. It connects lazily and keeps
/// reconnecting in the background, so callers treat a missing connection as "Redis down right now".</summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>>? _multiplexer = options.Value.Enabled
        ? new Lazy<Task<IConnectionMultiplexer>>(() => ConnectAsync(options.Value.ConnectionString))
        : null;

    public bool Enabled => _multiplexer is not null;

    /// <summary>The database when Redis is configured and connected now; otherwise null.</summary>
    public async Task<IDatabase?> TryGetDatabaseAsync()
    {
        if (_multiplexer is null)
        {
            return null;
        }

        var multiplexer = await _multiplexer.Value;
        return multiplexer.IsConnected ? multiplexer.GetDatabase() : null;
    }

    public async Task<IConnectionMultiplexer?> GetMultiplexerAsync()
        => _multiplexer is null ? null : await _multiplexer.Value;

    public static ConfigurationOptions BuildConfiguration(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 2000;
        configuration.AsyncTimeout = 2000;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return configuration;
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string connectionString)
        => await ConnectionMultiplexer.ConnectAsync(BuildConfiguration(connectionString));

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { IsValueCreated: true })
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
