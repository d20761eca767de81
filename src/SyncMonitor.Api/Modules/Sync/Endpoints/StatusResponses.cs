using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.Sync.Endpoints;

/// <summary>The serialised body of <c>GET /api/sync/stock_basics/status</c>, kept for the run snapshot it was made
/// from, so hundreds of pollers copy bytes instead of serialising the same record again.
/// <para>Freshness: the key is the snapshot object itself, and every snapshot is immutable and replaced (never changed)
/// when anything about the run changes — a live run's progress (<see cref="Manager.ActiveRun.Live"/>), its end, a store
/// refresh or a clear of <see cref="Manager.LatestRunCache"/>. So a request is answered with exactly the bytes of the
/// snapshot it was handed: never older than what the uncached endpoint would serialise. One body per UI culture (the
/// request's language), since the envelope's texts are localized.</para></summary>
internal sealed class StatusResponses(IOptions<JsonOptions> json)
{
    private readonly ConcurrentDictionary<string, Entry> _last = new(StringComparer.Ordinal);

    /// <summary>The envelope of <paramref name="run"/> (the never-run envelope for null) as UTF-8 JSON.</summary>
    public byte[] Body(SyncStats? run, Func<SyncStats?, ApiEnvelope<SyncStats>> envelope)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        if (_last.TryGetValue(culture, out var last) && ReferenceEquals(last.Run, run))
        {
            return last.Body;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(envelope(run), json.Value.SerializerOptions);
        _last[culture] = new Entry(run, body);
        return body;
    }

    private sealed record Entry(SyncStats? Run, byte[] Body);
}
