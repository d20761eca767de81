using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.Scheduling;

namespace SyncMonitor.UnitTests.Scheduling;

public sealed class SchedulerOptionsTests
{
    private static readonly ScheduledJobDefinition Daily = new("scheduler_daily", typeof(MisfireTests.GatedJob), "0 0 20 * * ?", "nightly sync");
    private static readonly ScheduledJobDefinition Missing = new("scheduler_missing", typeof(MisfireTests.GatedJob), "0 30 20 * * ?", "fill gaps");

    [Fact]
    public void Configured_cron_overrides_the_default_and_an_unconfigured_job_keeps_its_own()
    {
        var options = Bind(new() { ["Scheduler:Jobs:scheduler_daily:Cron"] = " 0 15 21 * * ? " });

        options.CronFor(Daily).Should().Be("0 15 21 * * ?");
        options.CronFor(Missing).Should().Be("0 30 20 * * ?");
        options.IsEnabled(Daily).Should().BeTrue();
        options.TimeZone.Should().Be("Asia/Shanghai");
    }

    [Fact]
    public void Job_names_in_configuration_match_without_regard_to_case_and_an_empty_cron_keeps_the_default()
    {
        var options = Bind(new()
        {
            ["Scheduler:Jobs:SCHEDULER_DAILY:Enabled"] = "false",
            ["Scheduler:Jobs:scheduler_missing:Cron"] = "",
        });

        options.IsEnabled(Daily).Should().BeFalse();
        options.CronFor(Missing).Should().Be("0 30 20 * * ?");
    }

    [Fact]
    public void An_invalid_cron_fails_validation_with_a_message_naming_its_key()
    {
        var result = Validate(Bind(new() { ["Scheduler:Jobs:scheduler_daily:Cron"] = "0 0 25 * * ?" }));

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Scheduler:Jobs:scheduler_daily:Cron '0 0 25 * * ?' is not a valid Quartz cron expression");
    }

    [Fact]
    public void An_unknown_time_zone_fails_validation_naming_the_key()
        => Validate(Bind(new() { ["Scheduler:TimeZone"] = "Mars/Olympus" })).Failures.Should().ContainSingle()
            .Which.Should().Contain("Scheduler:TimeZone 'Mars/Olympus'");

    [Fact]
    public void Settings_for_a_job_nobody_registered_fail_validation_so_a_typo_is_not_silently_ignored()
        => Validate(Bind(new() { ["Scheduler:Jobs:scheduler_dialy:Enabled"] = "false" })).Failures.Should().ContainSingle()
            .Which.Should().Contain("Scheduler:Jobs:scheduler_dialy names no registered job (registered: scheduler_daily, scheduler_missing)");

    [Fact]
    public void Defaults_and_valid_overrides_pass_validation()
        => Validate(Bind(new()
        {
            ["Scheduler:TimeZone"] = "Europe/Berlin",
            ["Scheduler:Jobs:scheduler_daily:Cron"] = "0 0 18 ? * MON-FRI",
        })).Succeeded.Should().BeTrue();

    [Fact]
    public void An_invalid_cron_in_configuration_stops_startup_validation_with_the_key_in_the_error()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Jobs:scheduler_daily:Cron"] = "every day" })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddScheduling()
            .AddScheduledJob<MisfireTests.GatedJob>("scheduler_daily", "0 0 20 * * ?", "nightly sync");
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().StartWith("Scheduler:Jobs:scheduler_daily:Cron 'every day'");
    }

    private static SchedulerOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new SchedulerOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SchedulerOptions.Section).Bind(options);
        return options;
    }

    private static ValidateOptionsResult Validate(SchedulerOptions options)
        => new SchedulerOptionsValidator([Daily, Missing], new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero)))
            .Validate(Options.DefaultName, options);
}
