using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Common.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Configured API keys. Only the SHA-256 of each key is kept in configuration.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

public sealed class ApiKeyEntry
{
    [Required(AllowEmptyStrings = false)]
    public string UserId { get; set; } = string.Empty;

    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = string.Empty;

    [EnumDataType(typeof(UserRole))]
    public UserRole Role { get; set; } = UserRole.Viewer;

    /// <summary>Lowercase hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Auth:ApiKeys:*:KeyHash must be a hex SHA-256 (64 characters).")]
    public string KeyHash { get; set; } = string.Empty;
}

/// <summary>Validates every key entry (data annotations do not recurse into lists) and rejects duplicates.</summary>
internal sealed class AuthOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<AuthOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options.ApiKeys[i], new ValidationContext(options.ApiKeys[i]), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Auth:ApiKeys:{i}: {r.ErrorMessage}"));
            }
        }

        var duplicates = options.ApiKeys.GroupBy(k => k.KeyHash, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        failures.AddRange(duplicates.Select(g => $"Auth:ApiKeys: the same key hash is configured {g.Count()} times."));
        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
