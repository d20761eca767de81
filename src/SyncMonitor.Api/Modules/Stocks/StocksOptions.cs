using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Stocks;

/// <summary><c>Stocks</c>: how long the stock read API keeps answers. <see cref="CacheSeconds"/> is the second level
/// (Redis, when <c>Redis:ConnectionString</c> is set), <see cref="LocalCacheSeconds"/> the in-process level. Tag
/// invalidation on every finished sync evicts earlier; these are upper bounds.</summary>
public sealed class StocksOptions : IValidatableObject
{
    public const string Section = "Stocks";

    [Range(1, 86_400)]
    public int CacheSeconds { get; set; } = 300;

    [Range(1, 86_400)]
    public int LocalCacheSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LocalCacheSeconds > CacheSeconds)
        {
            yield return new ValidationResult(
                $"Stocks:LocalCacheSeconds ({LocalCacheSeconds}) must not exceed Stocks:CacheSeconds ({CacheSeconds}).",
                [nameof(LocalCacheSeconds), nameof(CacheSeconds)]);
        }
    }
}
