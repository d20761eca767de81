using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>Webhooks and e-mail end to end: a local receiver that verifies the signature on its own, and a real SMTP
/// server (aiosmtpd) with AUTH, STARTTLS and implicit TLS.</summary>
public sealed class WebhookAndEmailDeliveryTests
{
    [Fact]
    public async Task A_webhook_receives_the_alert_in_the_API_shape_with_a_signature_the_receiver_can_verify()
    {
        const string secret = "whsec-5a1b2c3d4e5f";
        await using var receiver = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        using var host = new DeliveryHost().WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/alerts"), ("Secret", secret));

        var alertId = await host.FireAsync("hook", AlertLevel.Medium);
        await host.WaitForStatusAsync(alertId, "delivered");

        var request = receiver.Accepted.Should().ContainSingle().Subject;
        var timestamp = request.Header("X-SyncMonitor-Timestamp");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + request.Body))).ToLowerInvariant();
        request.Header("X-SyncMonitor-Signature").Should().Be(expected);
        request.Header("X-SyncMonitor-Event").Should().Be("firing");
        var delivery = (await host.DeliveriesAsync(alertId)).Single();
        request.Header("X-SyncMonitor-Delivery").Should().Be(delivery.GetProperty("id").GetString());
        var apiAlert = await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.ItemFor(alertId));
        var sent = request.Json.GetProperty("alert");
        foreach (var field in new[] { "id", "rule", "level", "fingerprint", "title", "message", "status", "count", "first_seen" })
        {
            sent.GetProperty(field).ToString().Should().Be(apiAlert.GetProperty(field).ToString(), field);
        }

        request.Json.GetProperty("event").GetString().Should().Be("firing");
        request.Json.GetProperty("channel").GetString().Should().Be("hook");
        request.Json.GetProperty("link").GetString().Should().Be($"{DeliveryHost.PublicBaseUrl}/?alert={alertId}#alerts-panel");
    }

    [Fact]
    public async Task Resolving_an_announced_alert_is_delivered_too_saying_when_and_by_whom()
    {
        await using var receiver = await ChannelReceiver.StartAsync(_ => ReceiverAnswer.Ok());
        using var host = new DeliveryHost().WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/alerts"));
        var alertId = await host.FireAsync("resolve-me");
        await host.WaitForStatusAsync(alertId, "delivered");

        (await host.CreateClient(TestApiKeys.Operator).PostAsync(AlertsApiPaths.ResolveFor(alertId), null)).EnsureSuccessStatusCode();
        await host.WaitForStatusAsync(alertId, "delivered", count: 2);

        receiver.Accepted.Select(r => r.Header("X-SyncMonitor-Event")).Should().Equal("firing", "resolved");
        var resolved = receiver.Accepted.Last().Json.GetProperty("alert");
        resolved.GetProperty("status").GetString().Should().Be("resolved");
        resolved.GetProperty("resolved_by").GetString().Should().Be("u-operator");
    }

    [Fact]
    public async Task An_alert_arrives_by_email_with_subject_from_to_and_plain_and_html_bodies()
    {
        await using var smtp = await SmtpSink.StartAsync(auth: "alerts@example.test:smtp-pass-771");
        using var host = new DeliveryHost().WithChannel("mail", "email",
            ("Host", "127.0.0.1"), ("Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("User", "alerts@example.test"), ("Password", "smtp-pass-771"),
            ("From", "SyncMonitor <alerts@example.test>"), ("To", "ops@example.test, dba@example.test"));

        var alertId = await host.FireAsync("mail", AlertLevel.Critical);
        await host.WaitForStatusAsync(alertId, "delivered");

        var mail = smtp.Messages().Should().ContainSingle().Subject;
        mail.Message.Subject.Should().Be("[SyncMonitor][严重] 告警触发：数据检查 mail");
        mail.Message.From.Mailboxes.Single().Address.Should().Be("alerts@example.test");
        mail.Message.To.Mailboxes.Select(m => m.Address).Should().Equal("ops@example.test", "dba@example.test");
        mail.Message.Headers["X-SyncMonitor-Event"].Should().Be("firing");
        mail.Message.TextBody.Should().Contain("规则：test_rule").And.Contain("发生次数：1 次").And.Contain("详情：12 rows missing of 5000")
            .And.Contain($"{DeliveryHost.PublicBaseUrl}/?alert={alertId}#alerts-panel");
        mail.Message.HtmlBody.Should().Contain("<h3>[SyncMonitor][严重] 告警触发：数据检查 mail</h3>").And.Contain("<b>级别</b>：严重");
        mail.Envelope.GetProperty("login").GetString().Should().Be("alerts@example.test");
        mail.Envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()).Should().Equal("ops@example.test", "dba@example.test");
        mail.Envelope.GetProperty("tls").GetBoolean().Should().BeFalse("the server offered no STARTTLS, so auto stayed plain");
        (await host.DeliveriesAsync(alertId)).Single().GetProperty("type").GetString().Should().Be("email");
    }

    [Theory]
    [InlineData("require-starttls", "starttls")]
    [InlineData("starttls", "auto")]
    [InlineData("implicit", "implicit")]
    public async Task Email_goes_over_TLS_as_configured_when_the_servers_certificate_is_pinned(string serverMode, string tls)
    {
        await using var smtp = await SmtpSink.StartAsync(serverMode);
        using var host = new DeliveryHost().WithChannel("mail-tls", "email",
            ("Host", "127.0.0.1"), ("Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Tls", tls),
            ("CertificateSha256", smtp.CertificateSha256!), ("From", "alerts@example.test"), ("To", "ops@example.test"));

        var alertId = await host.FireAsync("tls-" + tls);
        await host.WaitForStatusAsync(alertId, "delivered");

        smtp.Messages().Should().ContainSingle().Which.Envelope.GetProperty("tls").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("require-starttls", "starttls", null, "TLS handshake failed")]
    [InlineData("require-starttls", "none", "pinned", "Must issue a STARTTLS command first")]
    public async Task Email_is_not_sent_when_TLS_cannot_be_had_as_configured_and_the_delivery_says_why(
        string serverMode, string tls, string? pin, string error)
    {
        await using var smtp = await SmtpSink.StartAsync(serverMode);
        using var host = new DeliveryHost().WithChannel("mail-refused", "email",
            ("Host", "127.0.0.1"), ("Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Tls", tls),
            ("CertificateSha256", pin is null ? string.Empty : smtp.CertificateSha256!), ("From", "alerts@example.test"), ("To", "ops@example.test"))
            .With("Alerts:Delivery:MaxAttempts", "2");

        var alertId = await host.FireAsync("refused-" + tls);
        await host.WaitForStatusAsync(alertId, "failed");

        (await host.DeliveriesAsync(alertId)).Single().GetProperty("last_error").GetString().Should().Contain(error);
        smtp.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_smtp_password_fails_the_delivery_saying_so_without_the_password()
    {
        await using var smtp = await SmtpSink.StartAsync(auth: "alerts:right-password");
        using var host = new DeliveryHost().WithChannel("mail-auth", "email",
            ("Host", "127.0.0.1"), ("Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("User", "alerts"), ("Password", "wrong-password-4242"), ("From", "alerts@example.test"), ("To", "ops@example.test"))
            .With("Alerts:Delivery:MaxAttempts", "1");

        var alertId = await host.FireAsync("auth");
        await host.WaitForStatusAsync(alertId, "failed");

        var error = (await host.DeliveriesAsync(alertId)).Single().GetProperty("last_error").GetString();
        error.Should().Be("SMTP authentication failed (check User and Password)");
        smtp.Messages().Should().BeEmpty();
    }
}
