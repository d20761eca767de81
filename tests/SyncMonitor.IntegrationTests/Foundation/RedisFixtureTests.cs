using StackExchange.Redis;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

[Collection(RedisCollection.Name)]
public sealed class RedisFixtureTests(RedisFixture redis)
{
    [Fact]
    public async Task The_fixture_serves_a_private_redis_that_can_be_killed_and_restarted()
    {
        await using (var connection = await redis.Server.ConnectAsync())
        {
            await connection.GetDatabase().StringSetAsync("k", "v");
            ((string?)await connection.GetDatabase().StringGetAsync("k")).Should().Be("v");
        }

        await redis.Server.KillAsync();
        redis.Server.IsRunning.Should().BeFalse();
        var whileDown = async () =>
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port},abortConnect=true,connectTimeout=500");
        };
        await whileDown.Should().ThrowAsync<RedisConnectionException>();

        await redis.Server.StartAsync();
        await using var again = await redis.Server.ConnectAsync();
        (await again.GetDatabase().PingAsync()).Should().BeGreaterThan(TimeSpan.Zero);
    }
}
