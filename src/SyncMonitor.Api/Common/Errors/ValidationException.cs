namespace SyncMonitor.Api.Common.Errors;

/// <summary>Invalid input found by an endpoint or service; answered as 400 with <c>errors[field]</c> per field.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>Several fields at once; the first message becomes the problem's <c>detail</c>.</summary>
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(errors.Values.SelectMany(m => m).FirstOrDefault() ?? "The request is invalid.")
    {
        Errors = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public string Field => Errors.Keys.First();
}
