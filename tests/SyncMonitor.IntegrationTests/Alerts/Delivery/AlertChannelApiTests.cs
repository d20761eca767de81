using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>The channel endpoints, secret masking everywhere, and the configuration check on start.</summary>
public sealed class AlertChannelApiTests
{
    private const string DingSecret = "SECd1n6s3cr3t0000000000000000000000000000000000000000000000000000";
    private const string DingToken = "d1n6t0k3n0000000000000000000000000000000000000000000000000000000";
    private const string WeComKey = "w3c0m-k3y-0000-1111-222233334444";
    private const string HookSecret = "h00k-s3cr3t-9999";
    private const string SmtpPassword = "smtp-pa55w0rd-8888";

    private static readonly string[] Secrets = [DingSecret, DingToken, WeComKey, HookSecret, SmtpPassword];

    private static DeliveryHost HostWithEveryType(ChannelReceiver receiver, DingTalkRobot robot) => new DeliveryHost()
        .WithChannel("ding", "dingtalk", ("Url", robot.WebhookUrl(receiver)), ("Secret", DingSecret), ("MinLevel", "high"), ("Rules:0", "sync_failed"))
        .WithChannel("wecom", "wecom", ("Url", $"{receiver.BaseUrl}{WeComRobot.Path}?key={WeComKey}"))
        .WithChannel("hook", "webhook", ("Url", receiver.BaseUrl + "/hook"), ("Secret", HookSecret), ("Enabled", "false"))
        .WithChannel("mail", "email", ("Host", "127.0.0.1"), ("Port", "1"), ("Tls", "none"), ("User", "alerts"), ("Password", SmtpPassword),
            ("From", "alerts@example.test"), ("To", "ops@example.test,dba@example.test"));

    [Fact]
    public async Task Viewers_list_the_channels_with_every_secret_masked()
    {
        var robot = new DingTalkRobot(DingToken, DingSecret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = HostWithEveryType(receiver, robot);

        var response = await host.CreateClient(TestApiKeys.Viewer).GetAsync(AlertsApiPaths.Channels);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().NotContainAny(Secrets);
        var channels = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!);
        channels.Keys.Should().Equal("ding", "hook", "mail", "wecom");
        channels["ding"].GetProperty("url").GetString().Should().Be($"{receiver.BaseUrl}{DingTalkRobot.Path}?access_token=***");
        channels["ding"].GetProperty("secret").GetString().Should().Be("***");
        channels["ding"].GetProperty("min_level").GetString().Should().Be("high");
        channels["ding"].GetProperty("rules").EnumerateArray().Select(r => r.GetString()).Should().Equal("sync_failed");
        channels["wecom"].GetProperty("url").GetString().Should().EndWith("/cgi-bin/webhook/send?key=***");
        channels["hook"].GetProperty("enabled").GetBoolean().Should().BeFalse();
        channels["mail"].GetProperty("password").GetString().Should().Be("***");
        channels["mail"].GetProperty("tls").GetString().Should().Be("none");
        channels["mail"].GetProperty("to").EnumerateArray().Select(r => r.GetString()).Should().Equal("ops@example.test", "dba@example.test");
        (await host.CreateClient().GetAsync(AlertsApiPaths.Channels)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admins_test_a_channel_and_get_its_reply_right_away()
    {
        var robot = new DingTalkRobot(DingToken, DingSecret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = HostWithEveryType(receiver, robot);

        var response = await host.CreateClient(TestApiKeys.Admin).PostAsync(AlertsApiPaths.ChannelTestFor("ding"), null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        result.GetProperty("delivered").GetBoolean().Should().BeTrue();
        result.GetProperty("reply").GetString().Should().Be("""HTTP 200 {"errcode":0,"errmsg":"ok"}""");
        receiver.Accepted.Should().ContainSingle().Which.Json.GetProperty("markdown").GetProperty("title").GetString()
            .Should().Be("[SyncMonitor] 测试消息：ding");
        (await host.CreateClient(TestApiKeys.Operator).PostAsync(AlertsApiPaths.ChannelTestFor("ding"), null))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var unknown = await host.CreateClient(TestApiKeys.Admin).PostAsync(AlertsApiPaths.ChannelTestFor("nope"), null);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_failing_test_answers_with_the_channels_error_and_no_secret_reaches_the_answer_or_the_log()
    {
        var robot = new DingTalkRobot(DingToken, "SEC-the-robot-expects-another");
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = HostWithEveryType(receiver, robot).With("Serilog:MinimumLevel:Default", "Verbose");

        var ding = await host.CreateClient(TestApiKeys.Admin).PostAsync(AlertsApiPaths.ChannelTestFor("ding"), null);
        var mail = await host.CreateClient(TestApiKeys.Admin).PostAsync(AlertsApiPaths.ChannelTestFor("mail"), null);
        var dingText = await ding.Content.ReadAsStringAsync();
        var mailText = await mail.Content.ReadAsStringAsync();

        JsonDocument.Parse(dingText).RootElement.GetProperty("delivered").GetBoolean().Should().BeFalse();
        JsonDocument.Parse(dingText).RootElement.GetProperty("error").GetString().Should().Be("DingTalk errcode 310000: sign not match");
        JsonDocument.Parse(mailText).RootElement.GetProperty("error").GetString().Should().Contain("onnect", "nothing listens on port 1");
        (dingText + mailText).Should().NotContainAny(Secrets);
        var log = string.Join('\n', Directory.GetFiles(Path.Combine(host.DataDirectory, "logs")).Select(ReadShared));
        log.Should().Contain(AlertsApiPaths.Channels, "the log was written at Verbose");
        log.Should().NotContainAny(Secrets);
    }

    [Fact]
    public async Task An_alerts_detail_lists_its_deliveries_per_channel_and_the_level_and_rule_filters_apply()
    {
        var robot = new DingTalkRobot(DingToken, DingSecret);
        await using var receiver = await ChannelReceiver.StartAsync(robot.Answer);
        using var host = HostWithEveryType(receiver, robot).With("Alerts:Delivery:MaxAttempts", "1");

        var medium = await host.FireAsync("filters-medium", AlertLevel.Medium, rule: "sync_failed");
        var high = await host.FireAsync("filters-high", AlertLevel.High, rule: "other_rule");
        var wanted = await host.FireAsync("filters-critical", AlertLevel.Critical, rule: "sync_failed");
        await host.WaitForStatusAsync(wanted, "delivered");

        (await host.DeliveriesAsync(medium)).Select(d => d.GetProperty("channel").GetString()).Should().BeEquivalentTo("wecom", "mail");
        (await host.DeliveriesAsync(high)).Select(d => d.GetProperty("channel").GetString()).Should().BeEquivalentTo("wecom", "mail");
        var deliveries = await host.DeliveriesAsync(wanted);
        deliveries.Select(d => d.GetProperty("channel").GetString()).Should().BeEquivalentTo("ding", "wecom", "mail");
        await host.WaitForStatusAsync(wanted, "failed", count: 2); // wecom's URL reaches the DingTalk fake; nothing listens for mail
        var failedMail = (await host.DeliveriesAsync(wanted)).Single(d => d.GetProperty("channel").GetString() == "mail");
        failedMail.GetProperty("status").GetString().Should().Be("failed");
        failedMail.GetProperty("attempts").GetInt32().Should().Be(1);
        failedMail.GetProperty("last_error").GetString().Should().NotBeNullOrEmpty();
        (await host.CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.List))
            .GetProperty("items")[0].TryGetProperty("deliveries", out _).Should().BeFalse("only the detail lists deliveries");
    }

    [Fact]
    public async Task Bad_channels_stop_the_service_at_start_with_one_line_naming_each_key_and_no_secret()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
        var ding = "https://oapi.dingtalk.com/robot/send?access_token=" + DingToken;
        using var service = ServiceProcess.Start(
        [
            .. ServiceProcess.TestKeyArguments(), $"--DataDirectory={dataDirectory}", "--Urls=http://127.0.0.1:0",
            "--Alerts:Channels:sms:Type=sms",
            "--Alerts:Channels:ftp:Type=dingtalk", "--Alerts:Channels:ftp:Url=ftp://robot.example/send", $"--Alerts:Channels:ftp:Secret={DingSecret}",
            "--Alerts:Channels:urgent:Type=dingtalk", $"--Alerts:Channels:urgent:Url={ding}", "--Alerts:Channels:urgent:MinLevel=urgent",
            "--Alerts:Channels:mail:Type=email", "--Alerts:Channels:mail:Host=smtp.example.test", "--Alerts:Channels:mail:From=alerts@example.test",
            "--Alerts:Channels:mail:To=not an address", $"--Alerts:Channels:mail:User=alerts", $"--Alerts:Channels:mail:Password={SmtpPassword}",
            "--Alerts:Channels:wecom:Type=wecom", $"--Alerts:Channels:wecom:Url=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WeComKey}",
            "--Alerts:Channels:wecom:Secret=x",
            "--Alerts:Delivery:DigestThreshold=21",
        ]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await service.Process.WaitForExitAsync(timeout.Token);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        service.Process.ExitCode.Should().Be(2);
        service.Output.Should().Contain("Configuration error:")
            .And.Contain("Alerts:Channels:sms:Type must be one of email, dingtalk, wecom, webhook.")
            .And.Contain("Alerts:Channels:ftp:Url must be an absolute http(s) URL.")
            .And.Contain("Alerts:Channels:urgent:MinLevel must be one of low, medium, high, critical.")
            .And.Contain("Alerts:Channels:mail:To must be one or more comma-separated e-mail addresses.")
            .And.Contain("Alerts:Channels:wecom:Secret is not used by a wecom robot (its key= in Url is the credential); remove it.")
            .And.Contain("Alerts:Delivery:DigestThreshold must be between 1 and 20 (robots accept 20 messages a minute).");
        service.Output.Should().NotContainAny(Secrets);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
