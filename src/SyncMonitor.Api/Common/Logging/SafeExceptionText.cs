namespace SyncMonitor.Api.Common.Logging;

/// <summary>An event's exception as the log prints it: the usual <see cref="Exception.ToString"/> layout (type, message,
/// inner exceptions, stack), with the control characters of every message in the chain escaped. A message can carry
/// request data (a parser quoting its input), so it must not start a line of its own; the stack's own line breaks stay.
/// Held as a non-string scalar so <see cref="ControlCharacterEscaper"/> leaves the stack's line breaks alone.</summary>
internal sealed class SafeExceptionText(Exception exception)
{
    public const string PropertyName = "SafeException";

    /// <summary>The output template that prints it in place of Serilog's <c>{Exception}</c>.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{" + PropertyName + "}";

    public const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{" + PropertyName + "}";

    public override string ToString()
    {
        var text = exception.ToString();
        foreach (var message in MessagesOf(exception).Where(ControlCharacterEscaper.NeedsEscaping).Distinct().OrderByDescending(m => m.Length))
        {
            text = text.Replace(message, ControlCharacterEscaper.Escape(message), StringComparison.Ordinal);
        }

        return text + Environment.NewLine;
    }

    private static IEnumerable<string> MessagesOf(Exception root)
    {
        var pending = new Stack<Exception>([root]);
        while (pending.TryPop(out var current))
        {
            yield return current.Message;
            var inner = current is AggregateException aggregate ? aggregate.InnerExceptions : (IEnumerable<Exception>)[];
            foreach (var child in current.InnerException is { } single ? inner.Append(single).Distinct() : inner)
            {
                pending.Push(child);
            }
        }
    }
}
