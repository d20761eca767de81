using Polly;
using Polly.Retry;
using SyncMonitor.Api.Modules.Alerts.Delivery.Channels;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;

/// <summary>Sends one channel's deliveries, in order, while holding the channel's lease (so no other instance sends
/// them too). The head of the queue is tried with a Polly retry whose waits double from
/// <c>RetryBaseDelaySeconds</c>; every failed attempt is recorded (<c>retrying</c>, due again at the next attempt) so a
/// restart resumes the schedule, and the last one marks the delivery <c>failed</c>. Each attempt takes what is
/// waiting behind the head along when it should go as a digest, so a long outage ends in one message, not a flood.</summary>
internal sealed partial class ChannelWorker(
    AlertChannelConfig channel,
    string owner,
    IAlertDeliveryStore store,
    AlertChannelDispatcher dispatcher,
    AlertMessageComposer composer,
    IAlertRaiser raiser,
    AlertDeliveryMetrics metrics,
    AlertDeliveryOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>True until a success shows no <c>channel_failing</c> alert of this channel can be open.</summary>
    private bool _mayBeFailing = true;

    public string Channel => channel.Name;

    /// <summary>One turn: take the lease, send what is due, give the lease back. Never throws.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await store.TryAcquireChannelAsync(channel.Name, owner, time.GetUtcNow(), options.Lease, stoppingToken))
            {
                return;
            }

            using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var heartbeat = KeepLeaseAsync(held);
            try
            {
                await DrainAsync(held.Token);
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                // Shutting down or the lease was lost: what was not recorded stays due for the next holder.
            }
            finally
            {
                await held.CancelAsync();
                await heartbeat;
                await store.ReleaseChannelAsync(channel.Name, owner, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A store outage: the lease expires by itself and the deliveries stay in the outbox for the next pass.
            LogTurnFailed(logger, ex, channel.Name);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var queue = await store.QueueAsync(channel.Name, options.MaxDigestEvents, cancellationToken);
            var now = time.GetUtcNow();
            if (queue.Count == 0 || queue[0].NextAttemptAt > now)
            {
                return; // nothing to send, or the head waits for its next attempt and everything behind it waits too
            }

            var sent = await store.CountMessagesSinceAsync(channel.Name, now - options.DigestWindow, cancellationToken);
            if (sent >= options.DigestThreshold)
            {
                return; // this window's messages are used up: what waits leaves as a digest when one frees
            }

            if (!await DeliverHeadAsync(queue[0].Attempts, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> DeliverHeadAsync(int headAttempts, CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertDelivery> batch = [];

        async ValueTask<ChannelReply> AttemptAsync(CancellationToken token)
        {
            // Planned anew on every attempt: what queued up behind a failing head leaves with it, as a digest when
            // there is more than the window allows or this is the window's last message.
            var queue = await store.QueueAsync(channel.Name, options.MaxDigestEvents, token);
            var sent = await store.CountMessagesSinceAsync(channel.Name, time.GetUtcNow() - options.DigestWindow, token);
            var asDigest = queue.Count > options.DigestThreshold || sent >= options.DigestThreshold - 1;
            batch = asDigest ? queue : queue.Take(1).ToList();
            if (batch.Count == 0)
            {
                return new ChannelReply(true, string.Empty, null);
            }

            var reply = await dispatcher.SendAsync(channel, composer.Compose(channel.Name, batch), token);
            if (reply.Delivered)
            {
                // Recorded even while shutting down: a delivered message must never be sent again.
                await store.MarkDeliveredAsync(batch.Select(d => d.Id).ToList(), batch[0].Id, time.GetUtcNow(), CancellationToken.None);
            }

            return reply;
        }

        var retries = options.MaxAttempts - headAttempts - 1;
        var builder = new ResiliencePipelineBuilder<ChannelReply> { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChannelReply>
            {
                MaxRetryAttempts = retries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Delivered: false }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(options.RetryDelayAfter(headAttempts + args.AttemptNumber + 1)),
                OnRetry = args => new ValueTask(RecordFailureAsync(batch, args.Outcome.Result!, args.RetryDelay)),
            });
        }

        var final = await builder.Build().ExecuteAsync(AttemptAsync, cancellationToken);
        if (final.Delivered)
        {
            await RecordSuccessAsync(batch);
            return true;
        }

        await RecordFailureAsync(batch, final, options.RetryDelayAfter(batch.Count == 0 ? 1 : batch[0].Attempts + 1));
        return false;
    }

    private async Task RecordSuccessAsync(IReadOnlyList<AlertDelivery> batch)
    {
        metrics.Record(channel, AlertDeliveryStatus.Delivered, batch.Count);
        LogDelivered(logger, batch.Count, channel.Name);
        if (_mayBeFailing && batch.Count > 0)
        {
            await raiser.ClearAsync(AlertRules.ChannelFailing, ChannelFailingAlerts.Labels(channel.Name), CancellationToken.None);
            _mayBeFailing = false;
        }
    }

    private async Task RecordFailureAsync(IReadOnlyList<AlertDelivery> batch, ChannelReply reply, TimeSpan nextIn)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var error = reply.Error ?? "failed";
        var now = time.GetUtcNow();
        var failed = await store.RecordFailureAsync(batch.Select(d => d.Id).ToList(), error, now, now + nextIn, options.MaxAttempts, CancellationToken.None);
        metrics.Record(channel, AlertDeliveryStatus.Failed, failed.Count);
        metrics.Record(channel, AlertDeliveryStatus.Retrying, batch.Count - failed.Count);
        var attempts = batch[0].Attempts + 1;
        LogAttemptFailed(logger, channel.Name, attempts, error);
        _mayBeFailing = true;
        if (attempts >= options.FailingAfterAttempts)
        {
            await raiser.FireAsync(ChannelFailingAlerts.Signal(channel.Name, attempts, error), CancellationToken.None);
        }
    }

    /// <summary>Renews the lease every third of its length; when it is lost (or cannot be renewed) the work stops
    /// before another instance could take the channel over.</summary>
    private async Task KeepLeaseAsync(CancellationTokenSource held)
    {
        try
        {
            while (!held.IsCancellationRequested)
            {
                await Task.Delay(options.Lease / 3, time, held.Token);
                if (!await store.RenewChannelAsync(channel.Name, owner, time.GetUtcNow(), options.Lease, held.Token))
                {
                    LogLeaseLost(logger, channel.Name);
                    await held.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, channel.Name);
            await held.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered {Count} alert event(s) to channel {Channel}")]
    private static partial void LogDelivered(ILogger logger, int count, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery to channel {Channel} failed (attempt {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the sending lease of channel {Channel}; another instance continues")]
    private static partial void LogLeaseLost(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert delivery to channel {Channel} stopped this turn; the outbox keeps its deliveries")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel);
}
