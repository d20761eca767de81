using SyncMonitor.Api.Common.Errors;

namespace SyncMonitor.Api.Common.Http;

/// <summary>The paging parameters every list endpoint takes: <c>page</c> (1-based) and <c>page_size</c>.</summary>
public static class Paging
{
    /// <summary>The highest page number accepted: far beyond any real list, and low enough that
    /// (page - 1) × page_size stays a valid skip for every store.</summary>
    public const int MaxPage = 100_000;

    /// <summary>Applies the defaults and checks the bounds; a bad value is a 400 naming its field.</summary>
    public static (int Page, int PageSize) Validate(int? page, int? pageSize, int defaultPageSize = 20, int maxPageSize = 200)
    {
        var number = page ?? 1;
        var size = pageSize ?? defaultPageSize;
        if (number is < 1 or > MaxPage)
        {
            throw new ValidationException("page", $"page must be between 1 and {MaxPage}.");
        }

        return size < 1 || size > maxPageSize
            ? throw new ValidationException("page_size", $"page_size must be between 1 and {maxPageSize}.")
            : (number, size);
    }
}
