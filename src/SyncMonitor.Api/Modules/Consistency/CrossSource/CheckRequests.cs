using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary><c>POST /api/consistency/stock_basics/check</c> body.</summary>
public sealed record CheckRequest(string? Primary, string? Secondary, IReadOnlyList<string>? Codes);

/// <summary>A check request that passed validation: canonical source names, 6-digit codes (null = every code), and
/// which named source has no stored rows (the endpoint answers 409 for it).</summary>
internal sealed record ValidatedCheck(string Primary, string Secondary, IReadOnlyList<string>? Codes, bool Synthetic, string? SourceWithoutRows);

/// <summary>Validates a check. A source name is known when it is a registered source (any case; answered with its
/// registered name) or has rows in the store (e.g. CSV imports under another name). Codes may be in any form
/// <see cref="StockCode"/> reads; they are normalized, de-duplicated and limited to <c>Consistency:MaxCodes</c>.</summary>
internal sealed class CheckRequestValidator(
    IEnumerable<IStockDataSource> sources,
    IStockBasicReader reader,
    IOptionsMonitor<CrossSourceOptions> options)
{
    private readonly Dictionary<string, IStockDataSource> _registered = sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<ValidatedCheck> ValidateAsync(CheckRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ValidationException("request", "A JSON body {primary, secondary, codes?} is required.");
        }

        var stored = await reader.ListSourcesAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var primary = SourceName(request.Primary, "primary", stored, errors);
        var secondary = SourceName(request.Secondary, "secondary", stored, errors);
        if (primary is not null && secondary is not null && string.Equals(primary, secondary, StringComparison.OrdinalIgnoreCase))
        {
            errors["secondary"] = ["primary and secondary must be two different sources."];
        }

        var codes = Codes(request.Codes, options.CurrentValue.MaxCodes, "codes", errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var withoutRows = new[] { primary!, secondary! }.FirstOrDefault(s => !stored.Contains(s, StringComparer.Ordinal));
        var synthetic = IsSynthetic(primary!) || IsSynthetic(secondary!);
        return new ValidatedCheck(primary!, secondary!, codes, synthetic, withoutRows);
    }

    /// <summary>Normalized codes, or null when none were given; errors go into <paramref name="errors"/>.</summary>
    public static IReadOnlyList<string>? Codes(IReadOnlyList<string>? raw, int maxCodes, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Count == 0)
        {
            errors[field] = [$"{field} is empty; leave it out to use every code."];
            return null;
        }

        if (raw.Count > maxCodes)
        {
            errors[field] = [$"At most {maxCodes} codes per request; got {raw.Count}."];
            return null;
        }

        var invalid = raw.Where(c => !StockCode.TryParse(c, out _)).Take(5).Select(c => $"'{Truncate(c)}'").ToList();
        if (invalid.Count > 0)
        {
            errors[field] = [$"Not A-share codes: {string.Join(", ", invalid)} (use 000001, 000001.SZ or sz.000001)."];
            return null;
        }

        return raw.Select(c => StockCode.Parse(c).Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private string? SourceName(string? raw, string field, IReadOnlyList<string> stored, Dictionary<string, string[]> errors)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors[field] = [$"{field} (a source name) is required."];
            return null;
        }

        if (_registered.TryGetValue(name, out var source))
        {
            return source.Name;
        }

        if (stored.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) is { } storedName)
        {
            return storedName;
        }

        var known = _registered.Keys.Concat(stored).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        errors[field] = [$"Unknown source '{Truncate(name)}'. Known sources: {string.Join(", ", known)}."];
        return null;
    }

    private bool IsSynthetic(string name) => _registered.TryGetValue(name, out var source) && source.IsSynthetic;

    private static string Truncate(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";
}
