namespace SyncMonitor.Api.Common.Http;

/// <summary>The SPA's response envelope: <c>{success, data, message}</c>.</summary>
public sealed record ApiEnvelope<T>(bool Success, T Data, string Message)
{
    public static ApiEnvelope<T> Ok(T data, string message = "ok") => new(true, data, message);
}

/// <summary>A page of items with its position.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);
