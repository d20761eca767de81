namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Replaces a source's secrets (tushare's token, a non-anonymous password) in any text that may reach an
/// exception message, a log line or an API response.</summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretRedactor(params string?[] secrets)
        => _secrets = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct().ToArray();

    public static SecretRedactor None { get; } = new();

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public bool Leaks(string text) => _secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal));
}
