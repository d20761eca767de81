using System.Text.Json.Nodes;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Replaces the values of secret-looking keys (tokens, keys, passwords, secrets, authorization, cookies,
/// sessions — any case, any separator, at any depth) before details are stored.</summary>
public static class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Found anywhere in the key once separators are dropped and case folded (<c>refreshToken</c>, <c>dbPassword</c>).</summary>
    private static readonly string[] SecretFragments =
        ["token", "apikey", "accesskey", "privatekey", "password", "passwd", "secret", "authorization", "cookie", "credential"];

    /// <summary>Secret only as a whole word of the key (<c>key</c>, <c>api_key</c>, <c>session-id</c>, but not
    /// <c>keyword</c> or <c>monkey</c>).</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "key", "pwd", "pass", "auth", "session", "sessionid", "sid", "jwt", "bearer", "signature", "sig", "otp", "pin",
    };

    /// <summary><c>access_token</c>, <c>X-Api-Key</c>, <c>key</c>, <c>pwd</c>, <c>dbPassword</c>, <c>Authorization</c>,
    /// <c>Cookie</c>, <c>session</c>, <c>client_secret</c> are secret keys.</summary>
    public static bool IsSecretKey(string key)
    {
        var limited = key.AsSpan(0, Math.Min(key.Length, 256));
        Span<char> folded = stackalloc char[limited.Length];
        var length = 0;
        foreach (var c in limited)
        {
            if (char.IsLetterOrDigit(c))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        var text = folded[..length];
        foreach (var fragment in SecretFragments)
        {
            if (text.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return Words(limited).Any(SecretWords.Contains);
    }

    /// <summary>The key's words, lower case: split at anything not a letter or digit and where lower case meets upper.</summary>
    private static List<string> Words(ReadOnlySpan<char> key)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(key[i - 1]));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
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
