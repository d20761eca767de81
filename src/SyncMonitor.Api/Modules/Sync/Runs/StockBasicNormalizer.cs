using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Brings a source's rows to the stored form (SPEC §3.2) and rejects what cannot be stored: a code that is
/// no A-share code, a missing name, a code listed twice. Rejected rows become per-row errors, never a failed run.</summary>
public static class StockBasicNormalizer
{
    public static IReadOnlyList<StockBasic> Normalize(
        IReadOnlyList<StockBasic> rows, string source, DateTimeOffset now, out IReadOnlyList<RowError> rejected)
    {
        var errors = new List<RowError>();
        var byCode = new Dictionary<string, StockBasic>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!StockCode.TryParse(row.FullSymbol, out var code) && !StockCode.TryParse(row.Code, out code))
            {
                errors.Add(new RowError(row.Code, "not an A-share code"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.Name))
            {
                errors.Add(new RowError(code.FullSymbol, "name is missing"));
                continue;
            }

            if (byCode.ContainsKey(code.Code))
            {
                errors.Add(new RowError(code.FullSymbol, "listed twice by the source"));
                continue;
            }

            byCode[code.Code] = row with
            {
                Code = code.Code,
                Symbol = code.Code,
                FullSymbol = code.FullSymbol,
                Market = string.IsNullOrWhiteSpace(row.Market) ? code.Board : row.Market,
                Sse = string.IsNullOrWhiteSpace(row.Sse) ? code.ExchangeName : row.Sse,
                Name = row.Name.Trim(),
                Source = source,
                UpdatedAt = now,
                Close = Units.Finite(row.Close),
                Pe = Units.Finite(row.Pe),
                PeTtm = Units.Finite(row.PeTtm),
                Pb = Units.Finite(row.Pb),
                Ps = Units.Finite(row.Ps),
                TurnoverRate = Units.Finite(row.TurnoverRate),
                VolumeRatio = Units.Finite(row.VolumeRatio),
                Volume = Units.Finite(row.Volume),
                TotalShare = Units.Finite(row.TotalShare),
                FloatShare = Units.Finite(row.FloatShare),
                TotalMv = Units.Finite(row.TotalMv),
                CircMv = Units.Finite(row.CircMv),
            };
        }

        rejected = errors;
        return byCode.Values.ToList();
    }
}
