namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>What a channel answered: delivered or not, its reply (HTTP status and body, or the SMTP server's answer)
/// and, when not delivered, why. Secrets are already masked.</summary>
public sealed record ChannelReply(bool Delivered, string Reply, string? Error)
{
    public static ChannelReply Failed(string error, string reply = "") => new(false, reply, error);
}

/// <summary>Sends one message through one kind of channel. Throws on transport failures (connection refused, TLS,
/// timeouts); <see cref="AlertChannelDispatcher"/> turns those into failed replies.</summary>
internal interface IAlertChannelSender
{
    AlertChannelType Type { get; }

    Task<ChannelReply> SendAsync(AlertChannelConfig channel, Messages.AlertMessage message, CancellationToken cancellationToken);
}
