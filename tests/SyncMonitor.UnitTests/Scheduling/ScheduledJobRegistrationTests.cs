using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SyncMonitor.Api.Common.Scheduling;

namespace SyncMonitor.UnitTests.Scheduling;

public sealed class ScheduledJobRegistrationTests
{
    [Fact]
    public void A_job_is_registered_with_its_definition_and_its_class_scoped_for_the_firing()
    {
        var services = new ServiceCollection().AddScheduledJob<MisfireTests.GatedJob>("scheduler_daily", "0 0 20 * * ?", "nightly sync");

        services.Should().Contain(d => d.ImplementationInstance is ScheduledJobDefinition
            && ((ScheduledJobDefinition)d.ImplementationInstance).Name == "scheduler_daily"
            && ((ScheduledJobDefinition)d.ImplementationInstance).JobType == typeof(MisfireTests.GatedJob));
        services.Should().ContainSingle(d => d.ServiceType == typeof(MisfireTests.GatedJob)).Which.Lifetime.Should().Be(ServiceLifetime.Scoped);
    }

    [Fact]
    public void The_same_name_twice_is_refused()
    {
        var services = new ServiceCollection().AddScheduledJob<MisfireTests.GatedJob>("scheduler_daily", "0 0 20 * * ?", "a");

        var again = () => services.AddScheduledJob<MisfireTests.GatedJob>("scheduler_daily", "0 0 21 * * ?", "b");

        again.Should().Throw<InvalidOperationException>().WithMessage("*scheduler_daily*already registered*");
    }

    [Theory]
    [InlineData("Scheduler Daily")]
    [InlineData("daily/sync")]
    [InlineData("")]
    [InlineData("_daily")]
    public void A_name_unfit_for_a_url_or_a_configuration_key_is_refused(string name)
        => new Action(() => new ServiceCollection().AddScheduledJob<MisfireTests.GatedJob>(name, "0 0 20 * * ?", "x"))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void A_default_cron_that_does_not_parse_is_refused_at_registration()
        => new Action(() => new ServiceCollection().AddScheduledJob<MisfireTests.GatedJob>("nightly", "0 0 20 * *", "x"))
            .Should().Throw<ArgumentException>().WithMessage("*'0 0 20 * *'*nightly*");
}

public sealed class JobRunOutcomesTests
{
    [Fact]
    public void A_run_that_returned_without_a_report_succeeded()
        => JobRunOutcomes.Classify(ExecutionOutcome.Succeeded, null, null).Should().Be((JobRunOutcomes.Success, (string?)null));

    [Fact]
    public void A_run_that_reported_skipped_is_skipped_with_its_summary()
        => JobRunOutcomes.Classify(ExecutionOutcome.Succeeded, JobRunReport.Skipped("sync busy"), null)
            .Should().Be((JobRunOutcomes.Skipped, "sync busy"));

    [Fact]
    public void A_run_that_threw_failed_with_the_jobs_own_exception_type_and_message()
        => JobRunOutcomes.Classify(
                ExecutionOutcome.Failed,
                null,
                new JobExecutionException(new SchedulerException("wrapper", new TimeoutException("tushare timed out"))))
            .Should().Be((JobRunOutcomes.Failed, "TimeoutException: tushare timed out"));

    [Fact]
    public void A_run_stopped_on_its_token_was_cancelled()
        => JobRunOutcomes.Classify(ExecutionOutcome.Cancelled, null, new JobExecutionException(new OperationCanceledException()))
            .Outcome.Should().Be(JobRunOutcomes.Cancelled);

    [Fact]
    public void A_long_message_is_cut()
        => JobRunOutcomes.Classify(ExecutionOutcome.Failed, null, new InvalidOperationException(new string('x', 2000)))
            .Message!.Length.Should().BeLessThan(600);
}
