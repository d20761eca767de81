using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>Sends one message through a channel within <c>Alerts:Delivery:SendTimeoutSeconds</c> (a Polly timeout)
/// and always answers: transport failures become failed replies, with the channel's secrets masked. Only the
/// caller's own cancellation escapes.</summary>
internal sealed class AlertChannelDispatcher
{
    public const string HttpClientName = "alert-channels";

    private readonly IReadOnlyDictionary<AlertChannelType, IAlertChannelSender> _senders;
    private readonly ResiliencePipeline _timeout;

    public AlertChannelDispatcher(IEnumerable<IAlertChannelSender> senders, IOptions<AlertsOptions> options, TimeProvider time)
    {
        _senders = senders.ToDictionary(s => s.Type);
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Value.Delivery.SendTimeout).Build();
    }

    public async Task<ChannelReply> SendAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _timeout.ExecuteAsync(
                async (token) => await _senders[channel.Type].SendAsync(channel, message, token), cancellationToken);
            return reply with { Reply = ChannelSecrets.Redact(channel, reply.Reply), Error = reply.Error is null ? null : ChannelSecrets.Redact(channel, reply.Error) };
        }
        catch (TimeoutRejectedException)
        {
            return ChannelReply.Failed("no answer within the send timeout");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Whatever went wrong on the way (network, TLS, SMTP, the HTTP stack) is this channel's failure: it is
            // recorded and retried like any other, and its text is masked because it may quote the URL.
            return ChannelReply.Failed(ChannelSecrets.Redact(channel, Describe(ex)));
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode}: {smtp.Message}",
        SslHandshakeException => "TLS handshake failed (the server's certificate is not trusted or TLS is not offered)",
        ServiceNotAuthenticatedException refused => $"SMTP server refused: {refused.Message}",
        AuthenticationException => "SMTP authentication failed (check User and Password)",
        HttpRequestException { InnerException: SocketException socket } => $"connection failed: {socket.SocketErrorCode}",
        HttpRequestException http => $"HTTP request failed: {http.Message}",
        _ => ex.Message,
    };
}
