using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SyncMonitor.Api.Common.Json;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>Serialises one stock's differences after another into the same UTF-8 buffer (the stored report's
/// 5,000 rows): the bytes equal <c>JsonSerializer.Serialize(value, JsonSetup.Options)</c>, without a string or a
/// new buffer per row. The span returned is valid until the next <see cref="Write"/>.</summary>
internal sealed class StoredJsonBuffer
{
    private static readonly JsonTypeInfo<IReadOnlyDictionary<string, MetricDifference>> DifferencesType =
        (JsonTypeInfo<IReadOnlyDictionary<string, MetricDifference>>)JsonSetup.Options.GetTypeInfo(typeof(IReadOnlyDictionary<string, MetricDifference>));

    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;

    public StoredJsonBuffer() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
    {
        Encoder = JsonSetup.Options.Encoder,
        Indented = false,
    });

    public ReadOnlySpan<byte> Write(IReadOnlyDictionary<string, MetricDifference> differences)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, differences, DifferencesType);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
