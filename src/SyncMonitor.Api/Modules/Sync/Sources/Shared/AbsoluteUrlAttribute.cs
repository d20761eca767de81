using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>An absolute http(s) URL; empty passes (whether a URL is required is a separate <c>[Required]</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || text.Length == 0)
        {
            return ValidationResult.Success;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidationResult.Success
            : new ValidationResult(
                $"{validationContext.DisplayName} must be an absolute http(s) URL, e.g. http://127.0.0.1:8080.",
                [validationContext.MemberName ?? validationContext.DisplayName]);
    }
}
