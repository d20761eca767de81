using Microsoft.AspNetCore.Http.HttpResults;

namespace SyncMonitor.Api.Modules.OperationLogs.Endpoints;

/// <summary>Collects every invalid field of a request, so one 400 names them all.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
        => _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ValidationProblem ToProblem()
        => TypedResults.ValidationProblem(_errors, detail: string.Join(" ", _errors.Values.SelectMany(m => m)));
}
