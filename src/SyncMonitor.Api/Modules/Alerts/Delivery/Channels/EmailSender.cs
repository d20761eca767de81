using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;

namespace SyncMonitor.Api.Modules.Alerts.Delivery.Channels;

/// <summary>E-mail through an SMTP server (MailKit): one message per event with a plain-text and an HTML body.
/// TLS as configured: <c>auto</c> uses STARTTLS when the server offers it, <c>starttls</c> requires it,
/// <c>implicit</c> speaks TLS from the first byte, <c>none</c> never encrypts.</summary>
internal sealed class EmailSender : IAlertChannelSender
{
    public AlertChannelType Type => AlertChannelType.Email;

    public static MimeMessage Build(AlertChannelConfig channel, AlertMessage message)
    {
        var mail = new MimeMessage { Subject = message.Subject };
        mail.From.Add(MailboxAddress.Parse(channel.Settings.From!));
        mail.To.AddRange(channel.Recipients);
        mail.Headers.Add("X-SyncMonitor-Event", message.Event);
        mail.Headers.Add("X-SyncMonitor-Delivery", message.Id);
        mail.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mail;
    }

    public async Task<ChannelReply> SendAsync(AlertChannelConfig channel, AlertMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { ServerCertificateValidationCallback = (_, certificate, _, errors) => Trusted(channel, certificate, errors) };
        await client.ConnectAsync(channel.Settings.Host!, channel.SmtpPort, SocketOptions(channel.Tls), cancellationToken);
        if (!string.IsNullOrEmpty(channel.Settings.User))
        {
            await client.AuthenticateAsync(channel.Settings.User, channel.Settings.Password!, cancellationToken);
        }

        var answer = await client.SendAsync(Build(channel, message), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return new ChannelReply(true, answer, null);
    }

    private static SecureSocketOptions SocketOptions(SmtpTlsMode tls) => tls switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>A certificate the system trusts, or exactly the pinned one (<c>CertificateSha256</c>).</summary>
    private static bool Trusted(AlertChannelConfig channel, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var pin = channel.Settings.CertificateSha256?.Replace(":", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(pin) || certificate is null)
        {
            return false;
        }

        var actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return string.Equals(actual, pin, StringComparison.OrdinalIgnoreCase);
    }
}
