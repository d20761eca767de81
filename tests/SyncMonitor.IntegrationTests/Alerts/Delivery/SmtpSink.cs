using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MimeKit;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>A real SMTP server: Debian's <c>python3-aiosmtpd</c> (installed by <c>./test.sh</c>) on a free loopback
/// port, run by a small script that stores each message it accepts (raw bytes plus envelope) in a folder. It can
/// require AUTH LOGIN/PLAIN credentials, offer STARTTLS (optionally requiring it) or speak implicit TLS, with a
/// self-signed certificate made by the test.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Script = """
        import argparse, json, os, ssl, sys, time
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        p = argparse.ArgumentParser()
        p.add_argument('--port', type=int, required=True)
        p.add_argument('--dir', required=True)
        p.add_argument('--auth')
        p.add_argument('--cert')
        p.add_argument('--key')
        p.add_argument('--mode', default='none')
        a = p.parse_args()

        class Store:
            count = 0
            async def handle_DATA(self, server, session, envelope):
                Store.count += 1
                base = os.path.join(a.dir, '%04d' % Store.count)
                with open(base + '.eml', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                login = session.login_data
                with open(base + '.json', 'w') as f:
                    json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                               'tls': session.ssl is not None or server.transport.get_extra_info('ssl_object') is not None,
                               'login': login.decode() if isinstance(login, bytes) else login}, f)
                return '250 2.0.0 Ok: queued as %04d' % Store.count

        def authenticator(server, session, envelope, mechanism, auth_data):
            user, password = a.auth.split(':', 1)
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        kwargs = {}
        ctx = None
        if a.cert:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(a.cert, a.key)
        if a.auth:
            kwargs.update(authenticator=authenticator, auth_require_tls=False, auth_required=True)
        if a.mode in ('starttls', 'require-starttls'):
            kwargs.update(tls_context=ctx, require_starttls=(a.mode == 'require-starttls'))
        if a.mode == 'implicit':
            kwargs.update(ssl_context=ctx)
        c = Controller(Store(), hostname='127.0.0.1', port=a.port, **kwargs)
        c.start()
        print('READY', flush=True)
        try:
            while True:
                time.sleep(3600)
        finally:
            c.stop()
        """;

    private readonly Process _process;
    private readonly string _folder;

    private SmtpSink(Process process, string folder, int port, string? certificateSha256)
    {
        _process = process;
        _folder = folder;
        Port = port;
        CertificateSha256 = certificateSha256;
    }

    public int Port { get; }

    /// <summary>The server certificate's SHA-256 (hex), when it speaks TLS.</summary>
    public string? CertificateSha256 { get; }

    /// <param name="mode"><c>none</c>, <c>starttls</c> (offered), <c>require-starttls</c> or <c>implicit</c>.</param>
    public static async Task<SmtpSink> StartAsync(string mode = "none", string? auth = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "syncmonitor-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var scriptPath = Path.Combine(folder, "sink.py");
        await File.WriteAllTextAsync(scriptPath, Script);
        var port = FreePort.Next();
        var info = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { scriptPath, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", folder, "--mode", mode })
        {
            info.ArgumentList.Add(arg);
        }

        if (auth is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add(auth);
        }

        string? sha256 = null;
        if (mode != "none")
        {
            (var cert, var key, sha256) = SelfSignedCertificate(folder);
            info.ArgumentList.Add("--cert");
            info.ArgumentList.Add(cert);
            info.ArgumentList.Add("--key");
            info.ArgumentList.Add(key);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "READY")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                "The aiosmtpd sink did not start (./test.sh installs python3-aiosmtpd): " + await errors);
        }

        return new SmtpSink(process, folder, port, sha256);
    }

    /// <summary>Messages received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
        => Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal)
            .Select(json => new ReceivedMail(
                MimeMessage.Load(Path.ChangeExtension(json, ".eml")),
                JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone()))
            .ToList();

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static (string Cert, string Key, string Sha256) SelfSignedCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.test.local", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("smtp.test.local");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}

public sealed record ReceivedMail(MimeMessage Message, JsonElement Envelope);
