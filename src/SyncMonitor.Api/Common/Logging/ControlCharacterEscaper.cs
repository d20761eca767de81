using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace SyncMonitor.Api.Common.Logging;

/// <summary>Escapes control characters (CR, LF, ESC, NUL, C1, U+2028/2029 …) in every string a log event carries,
/// at any depth, so a request path, header or value can never start a forged line in the console or file log. An
/// exception is printed through <see cref="SafeExceptionText"/> (its messages escaped, its stack kept).</summary>
internal sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var escaped = Escape(value);
            if (!ReferenceEquals(escaped, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, escaped));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }

        if (logEvent.Exception is { } exception)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(SafeExceptionText.PropertyName, new ScalarValue(new SafeExceptionText(exception))));
        }
    }

    /// <summary>The same value when nothing needed escaping (no allocation on the common path).</summary>
    private static LogEventPropertyValue Escape(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when NeedsEscaping(text):
                return new ScalarValue(Escape(text));
            case SequenceValue sequence:
                var items = sequence.Elements.Select(Escape).ToList();
                return items.Where((item, i) => !ReferenceEquals(item, sequence.Elements[i])).Any() ? new SequenceValue(items) : value;
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value))).ToList();
                return properties.Where((p, i) => !ReferenceEquals(p.Value, structure.Properties[i].Value)).Any()
                    ? new StructureValue(properties, structure.TypeTag)
                    : value;
            case DictionaryValue dictionary:
                var pairs = dictionary.Elements.Select(p => new KeyValuePair<ScalarValue, LogEventPropertyValue>(p.Key, Escape(p.Value))).ToList();
                return pairs.Where(p => !ReferenceEquals(p.Value, dictionary.Elements[p.Key])).Any() ? new DictionaryValue(pairs) : value;
            default:
                return value;
        }
    }

    public static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>\n</c>, <c>\r</c>, <c>\t</c> by name, every other unsafe character as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when IsUnsafe(c) => builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
