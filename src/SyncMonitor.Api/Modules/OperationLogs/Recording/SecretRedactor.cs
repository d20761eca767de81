using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Replaces the values of secret-looking keys (tokens, API keys, passwords, secrets — any case, any
/// separator, at any depth) before details are stored.</summary>
public static class SecretRedactor
{
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["token", "apikey", "password", "passwd", "secret"];

    /// <summary><c>access_token</c>, <c>X-Api-Key</c>, <c>dbPassword</c>, <c>client_secret</c> are secret keys.</summary>
    public static bool IsSecretKey(string key)
    {
        Span<char> folded = stackalloc char[Math.Min(key.Length, 256)];
        var length = 0;
        foreach (var c in key.AsSpan(0, folded.Length))
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        var text = folded[..length];
        foreach (var word in SecretWords)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Redacts in place, recursively through objects and arrays.</summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                List<string>? secretKeys = null;
                foreach (var (key, value) in obj)
                {
                    if (IsSecretKey(key))
                    {
                        (secretKeys ??= []).Add(key);
                    }
                    else
                    {
                        Redact(value);
                    }
                }

                foreach (var key in secretKeys ?? [])
                {
                    obj[key] = Mask;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }

        return node;
    }
}
