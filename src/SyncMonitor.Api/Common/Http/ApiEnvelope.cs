using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Common.Http;

/// <summary>The SPA's response envelope: <c>{success, data, message}</c>; <c>message</c> is in the request's language
/// (操作成功 / OK when the endpoint has nothing more to say).</summary>
public sealed record ApiEnvelope<T>(bool Success, T Data, string Message)
{
    public static ApiEnvelope<T> Ok(T data, string? message = null) => new(true, data, message ?? Texts.Get("Api.Ok"));
}

/// <summary>A page of items with its position.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);
