namespace SyncMonitor.Api.Modules.Alerts.Delivery;

/// <summary>Channel types (the <c>Type</c> key, lowercase in config and responses).</summary>
public enum AlertChannelType
{
    Email,
    DingTalk,
    WeCom,
    Webhook,
}

/// <summary>TLS for SMTP: <c>auto</c> (STARTTLS when the server offers it), <c>none</c>, <c>starttls</c> (required),
/// <c>implicit</c> (TLS from the first byte, usually port 465).</summary>
public enum SmtpTlsMode
{
    Auto,
    None,
    StartTls,
    Implicit,
}

/// <summary>One <c>Alerts:Channels:{name}</c> entry. Robots and webhooks use <see cref="Url"/> and
/// <see cref="Secret"/>; email uses the SMTP keys. <see cref="Secret"/>, <see cref="Password"/> and the query of
/// <see cref="Url"/> (robot tokens, WeCom's <c>key=</c>) are secrets: masked in every response and log.</summary>
public sealed class AlertChannelOptions
{
    public string Type { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary>The lowest level delivered: low, medium, high or critical.</summary>
    public string MinLevel { get; set; } = "low";

    /// <summary>Only these rules (e.g. <c>sync_failed</c>); empty: every rule.</summary>
    public string[] Rules { get; set; } = [];

    public string? Url { get; set; }

    /// <summary>DingTalk: the robot's signing secret (加签); webhook: the HMAC key of the signature header.</summary>
    public string? Secret { get; set; }

    public string? Host { get; set; }

    /// <summary>0: 465 for implicit TLS, else 25.</summary>
    public int Port { get; set; }

    public string Tls { get; set; } = "auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    /// <summary>Comma-separated addresses.</summary>
    public string? To { get; set; }

    /// <summary>Optional SHA-256 fingerprint (hex) of the SMTP server's certificate, for an internal server whose
    /// certificate no public authority signed: that exact certificate is accepted, nothing else changes.</summary>
    public string? CertificateSha256 { get; set; }
}

/// <summary><c>Alerts:Delivery</c>: how the outbox sender retries, paces and groups.</summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>Attempts per delivery before it is marked failed (default 8: about an hour with the default backoff).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; each further wait doubles (30 s → 16 min; 7 waits ≈ 63 min).</summary>
    public double RetryBaseDelaySeconds { get; set; } = 30;

    public double MaxRetryDelaySeconds { get; set; } = 1800;

    /// <summary>Upper bound of one send (HTTP call or SMTP session).</summary>
    public double SendTimeoutSeconds { get; set; } = 15;

    /// <summary>A sender holds a channel's lease this long, renewed while it works; a crashed sender's channel is
    /// taken over after it expires.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>How often the sender looks for work it was not woken for (another instance's alerts, due retries).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>At most this many messages per channel per <see cref="DigestWindowSeconds"/>; events beyond it leave
    /// together as one digest. At most 20: DingTalk and WeCom robots accept 20 messages a minute.</summary>
    public int DigestThreshold { get; set; } = 5;

    public double DigestWindowSeconds { get; set; } = 60;

    /// <summary>Events listed in one digest at most (the rest wait for the next message).</summary>
    public int MaxDigestEvents { get; set; } = 50;

    /// <summary>After this many failed attempts in a row a channel raises <c>channel_failing</c>.</summary>
    public int FailingAfterAttempts { get; set; } = 3;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    public TimeSpan DigestWindow => TimeSpan.FromSeconds(DigestWindowSeconds);

    /// <summary>The wait after the <paramref name="attemptsMade"/>-th failed attempt: base × 2^(n−1), capped.</summary>
    public TimeSpan RetryDelayAfter(int attemptsMade)
        => TimeSpan.FromSeconds(Math.Min(MaxRetryDelaySeconds, RetryBaseDelaySeconds * Math.Pow(2, Math.Max(0, attemptsMade - 1))));
}
