using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Envmon.Cli;

/// <summary>
/// Durations on the command line: <c>90s</c>, <c>15m</c>, <c>26h</c>, <c>2d</c>, or <c>hours:minutes[:seconds]</c> with
/// any number of hours (<c>48:00:00</c> is 48 hours; <see cref="TimeSpan.Parse(string)"/> would read it as 48 days),
/// or <c>days.hours:minutes:seconds</c>.
/// </summary>
internal static class Durations
{
    public const string Forms = "90s, 15m, 26h, 2d or hh:mm:ss";

    /// <summary>An option holding a duration, <paramref name="fallback"/> when it is not given.</summary>
    public static Option<TimeSpan> Option(string name, string description, TimeSpan fallback) => new(name)
    {
        Description = $"{description} ({Forms}).",
        DefaultValueFactory = _ => fallback,
        CustomParser = result => Parse(result) ?? TimeSpan.Zero,
    };

    /// <summary>An option holding a duration, null when it is not given.</summary>
    public static Option<TimeSpan?> Optional(string name, string description) => new(name)
    {
        Description = $"{description} ({Forms}).",
        CustomParser = Parse,
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Length == 0 || text[0] == '-')
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            var parts = text.Split(':');
            if (text.Contains('.', StringComparison.Ordinal) || parts.Length > 3)
            {
                return TimeSpan.TryParseExact(text, @"d\.hh\:mm\:ss", CultureInfo.InvariantCulture, out value);
            }

            var seconds = 0;
            if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours > 1_000_000
                || !TwoDigits(parts[1], out var minutes) || (parts.Length == 3 && !TwoDigits(parts[2], out seconds)))
            {
                return false;
            }

            value = new TimeSpan(hours, minutes, seconds);
            return true;
        }

        TimeSpan unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        if (unit == TimeSpan.Zero || !double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count) || count > 100_000)
        {
            return false;
        }

        value = count * unit;
        return true;
    }

    // Minutes or seconds of hh:mm:ss: two digits, 00 to 59.
    private static bool TwoDigits(string text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length == 2 && value <= 59;

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var value))
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : "duration";
        result.AddError($"{name}: \"{text}\" is not a duration ({Forms})");
        return null;
    }
}
