using System.Text.Json.Nodes;
using SyncMonitor.Api.Modules.OperationLogs.Recording;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("token")]
    [InlineData("TOKEN")]
    [InlineData("access_token")]
    [InlineData("refreshToken")]
    [InlineData("api_key")]
    [InlineData("X-Api-Key")]
    [InlineData("apiKey")]
    [InlineData("password")]
    [InlineData("db_Password")]
    [InlineData("client_secret")]
    [InlineData("key")]
    [InlineData("KEY")]
    [InlineData("pwd")]
    [InlineData("passwd")]
    [InlineData("Authorization")]
    [InlineData("cookie")]
    [InlineData("Set-Cookie")]
    [InlineData("session")]
    [InlineData("sessionId")]
    [InlineData("secret_key")]
    public void Secret_looking_keys_are_recognised_in_any_case_and_spelling(string key)
        => SecretRedactor.IsSecretKey(key).Should().BeTrue();

    [Theory]
    [InlineData("page")]
    [InlineData("keyword")]
    [InlineData("api")]
    [InlineData("monkey")]
    [InlineData("keys_count")]
    [InlineData("author")]
    public void Ordinary_keys_are_kept(string key) => SecretRedactor.IsSecretKey(key).Should().BeFalse();

    [Fact]
    public void Values_of_secret_keys_are_masked_at_any_depth_and_the_rest_is_kept()
    {
        var details = JsonNode.Parse("""
            {"token":"t1","query":{"page":"2","Access_Token":["a","b"]},
             "sources":[{"name":"tushare","config":{"apiKey":"k1","nested":{"password":{"deep":"p"}}}}],
             "note":"token in a value stays"}
            """)!.AsObject();

        SecretRedactor.Redact(details);

        details.ToJsonString().Should().Be(
            """{"token":"***","query":{"page":"2","Access_Token":"***"},"sources":[{"name":"tushare","config":{"apiKey":"***","nested":{"password":"***"}}}],"note":"token in a value stays"}""");
    }
}
