namespace SyncMonitor.Api.Common.Errors;

/// <summary>Invalid input found by an endpoint or service; answered as 400 with <c>errors[Field]</c>.</summary>
public sealed class ValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
