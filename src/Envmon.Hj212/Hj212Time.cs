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
        millisecond = 0;
        var valid = (digits.Length is 14 or 17)
            & Part(digits, 0, 4, out year) & Part(digits, 4, 2, out month) & Part(digits, 6, 2, out day)
            & Part(digits, 8, 2, out hour) & Part(digits, 10, 2, out minute) & Part(digits, 12, 2, out second);
        valid &= digits.Length != 17 || Part(digits, 14, 3, out millisecond);
        return valid && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour <= 23 && minute <= 59 && second <= 59;
    }

    private static bool Part(ReadOnlySpan<byte> digits, int start, int length, out int value)
    {
        value = 0;
        return start + length <= digits.Length && Hj212Number.TryParseDigits(digits.Slice(start, length), length, out value);
    }

    /// <summary>Formats <paramref name="instant"/> as 14 digits of Beijing time.</summary>
    public static string Format(DateTimeOffset instant)
        => instant.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats <paramref name="instant"/> as a 17-digit QN (Beijing time with milliseconds).</summary>
    public static string FormatQn(DateTimeOffset instant)
        => instant.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
}
