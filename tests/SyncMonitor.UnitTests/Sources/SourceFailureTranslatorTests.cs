using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;

namespace SyncMonitor.UnitTests.Sources;

/// <summary>Whatever breaks underneath surfaces as one exception type with the kind that drives fallback.</summary>
public sealed class SourceFailureTranslatorTests
{
    public static TheoryData<Exception, SourceFailureKind, string> Failures => new()
    {
        { new HttpRequestException("x", null, HttpStatusCode.TooManyRequests), SourceFailureKind.RateLimited, "429" },
        { new HttpRequestException("x", null, HttpStatusCode.Unauthorized), SourceFailureKind.Unauthorized, "401" },
        { new HttpRequestException("x", null, HttpStatusCode.BadGateway), SourceFailureKind.Unreachable, "502" },
        { new HttpRequestException("Connection refused (127.0.0.1:9)"), SourceFailureKind.Unreachable, "connection failed" },
        { new SocketException((int)SocketError.ConnectionRefused), SourceFailureKind.Unreachable, "ConnectionRefused" },
        { new IOException("reset by peer"), SourceFailureKind.Unreachable, "reset by peer" },
        { new TimeoutRejectedException("slow", TimeSpan.FromSeconds(5)), SourceFailureKind.Unreachable, "timed out after 5 s" },
        { new JsonException("'<' is an invalid start of a value."), SourceFailureKind.BadResponse, "not the expected JSON" },
        { new TushareApiException(40101, "您的token不对，请确认。"), SourceFailureKind.Unauthorized, "Sources:tushare:Token" },
        { new TushareApiException(40203, "抱歉，您每分钟最多访问该接口200次"), SourceFailureKind.RateLimited, "40203" },
        { new TushareApiException(40203, "抱歉，您没有接口访问权限，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。"), SourceFailureKind.Unauthorized, "no permission" },
        { new TushareApiException(2002, "没有权限"), SourceFailureKind.Unauthorized, "no permission" },
        { new TushareApiException(40001, "参数错误"), SourceFailureKind.BadResponse, "40001" },
        { new BaoStockServerException("10001005", "账号登陆数达到上限"), SourceFailureKind.RateLimited, "10001005" },
        { new BaoStockServerException("10002007", "网络接收错误。"), SourceFailureKind.Unreachable, "10002007" },
        { new BaoStockServerException("10001001", "用户未登陆"), SourceFailureKind.Unauthorized, "login refused" },
        { new BaoStockServerException("10004020", "错误的消息类型"), SourceFailureKind.BadResponse, "bad request (10004020" },
        { new BaoStockServerException("10005001", "系统级别错误"), SourceFailureKind.Unreachable, "server error (10005001" },
        { new BaoStockFrameException("CRC32 mismatch"), SourceFailureKind.BadResponse, "CRC32" },
        { new InvalidOperationException("surprise"), SourceFailureKind.BadResponse, "unexpected InvalidOperationException" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_maps_to_its_kind_with_a_clear_message(Exception exception, SourceFailureKind kind, string mentions)
    {
        var failure = SourceFailureTranslator.Translate("src", exception, SecretRedactor.None);

        failure.Kind.Should().Be(kind);
        failure.SourceName.Should().Be("src");
        failure.Message.Should().StartWith("src: ").And.Contain(mentions);
    }

    [Fact]
    public void An_open_circuit_names_the_last_real_error()
    {
        var failure = SourceFailureTranslator.Translate("tushare", new BrokenCircuitException("open"), SecretRedactor.None, "HTTP 503 ServiceUnavailable");

        failure.Kind.Should().Be(SourceFailureKind.Unreachable);
        failure.Message.Should().Contain("circuit open").And.Contain("last error: HTTP 503");
    }

    [Fact]
    public void A_secret_is_masked_in_the_message_and_an_inner_exception_that_carries_it_is_dropped()
    {
        var redactor = new SecretRedactor("tk-secret-123");

        var failure = SourceFailureTranslator.Translate("tushare", new InvalidOperationException("token=tk-secret-123 refused"), redactor);

        failure.Message.Should().Contain("token=*** refused");
        failure.InnerException.Should().BeNull();
        failure.ToString().Should().NotContain("tk-secret-123");
    }

    [Fact]
    public void The_redactor_ignores_blank_secrets()
        => new SecretRedactor(null, "", " ").Redact("nothing to hide").Should().Be("nothing to hide");
}
