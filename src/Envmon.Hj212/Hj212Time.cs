namespace Envmon.Hj212;

/// <summary>
/// HJ 212 times (<c>yyyyMMddHHmmss</c>, QN <c>yyyyMMddHHmmssfff</c>) are Beijing time, UTC+8 without daylight saving.
/// They become instants here, at the edge, and nothing inside Envmon handles local times.
/// </summary>
public static class Hj212Time
{
    /// <summary>The offset of Beijing time from UTC.</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>Parses 14 digits (or 17 with milliseconds) of Beijing time into an instant with a +08:00 offset.</summary>
    public static bool TryParse(ReadOnlySpan<byte> digits, out DateTimeOffset instant)
    {
        if (!TryRead(digits, out var year, out var month, out var day, out var hour, out var minute, out var second, out var millisecond))
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, BeijingOffset);
        return true;
    }

    /// <summary>Whether <paramref name="digits"/> is a valid time of 14 or 17 digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> digits) => TryRead(digits, out _, out _, out _, out _, out _, out _, out _);

    private static bool TryRead(ReadOnlySpan<byte> digits, out int year, out int month, out int day, out int hour,
        out int minute, out int second, out int millisecond)
    {
        year = month = day = hour = minute = second = millisecond = 0;
        if (digits.Length is not (14 or 17))
        {
            return false;
        }

        foreach (var d in digits)
        {
            if ((uint)(d - '0') > 9)
            {
                return false;
            }
        }

        year = Number(digits, 0, 4);
        month = Number(digits, 4, 2);
        day = Number(digits, 6, 2);
        hour = Number(digits, 8, 2);
        minute = Number(digits, 10, 2);
        second = Number(digits, 12, 2);
        millisecond = digits.Length == 17 ? Number(digits, 14, 3) : 0;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour <= 23 && minute <= 59 && second <= 59;
    }

    /// <summary>Formats <paramref name="instant"/> as 14 digits of Beijing time.</summary>
    public static string Format(DateTimeOffset instant)
        => instant.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats <paramref name="instant"/> as a 17-digit QN (Beijing time with milliseconds).</summary>
    public static string FormatQn(DateTimeOffset instant)
        => instant.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    private static int Number(ReadOnlySpan<byte> digits, int start, int length)
    {
        var value = 0;
        foreach (var d in digits.Slice(start, length))
        {
            value = (value * 10) + (d - '0');
        }

        return value;
    }
}
