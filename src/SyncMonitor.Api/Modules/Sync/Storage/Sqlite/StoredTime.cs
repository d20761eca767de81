using System.Globalization;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>Reads <c>updated_at</c> as the store writes it ("yyyy-MM-ddTHH:mm:ss.fffffffZ", <c>ToStoredTime</c>) from
/// its UTF-8 bytes, digit by digit; anything else goes through the general parser.</summary>
internal static class StoredTime
{
    private const int Length = 28;

    public static DateTimeOffset Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length == Length && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z'
            && TryDigits(s, 0, 4, out var year) && TryDigits(s, 5, 2, out var month) && TryDigits(s, 8, 2, out var day)
            && TryDigits(s, 11, 2, out var hour) && TryDigits(s, 14, 2, out var minute) && TryDigits(s, 17, 2, out var second)
            && TryDigits(s, 20, 7, out var fraction)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year < 1 ? 1 : year, month)
            && hour < 24 && minute < 60 && second < 60 && year >= 1)
        {
            var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        return DateTimeOffset.Parse(System.Text.Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }
}
