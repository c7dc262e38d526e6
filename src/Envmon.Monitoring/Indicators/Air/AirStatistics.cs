namespace Envmon.Monitoring.Indicators.Air;

/// <summary>The O3 8-hour moving averages of one natural day and its MDA8 (HJ 663; ../shared/docs/standards.md §2.4).</summary>
/// <param name="MovingAverages">For each hour i (i:00–(i+1):00), the mean of hours i−7 … i of the day with at least 6 valid; else null.</param>
/// <param name="Mda8">The maximum of the 17 windows ending 08:00 … 24:00, or null when none is valid.</param>
/// <param name="ValidWindows">How many of those 17 windows have at least 6 hours.</param>
/// <param name="Valid">At least 14 valid windows, or fewer but an MDA8 above the 8-h limit (160).</param>
public sealed record OzoneEightHour(IReadOnlyList<decimal?> MovingAverages, decimal? Mda8, int ValidWindows, bool Valid);

/// <summary>A station's day from its hourly values: the daily values, the valid hours of each 24-h mean, and the O3 8-h result.</summary>
public sealed record DailyStatistics(DailyValues Values, IReadOnlyDictionary<string, int> Hours, OzoneEightHour? Ozone);

/// <summary>Statistics and validity rules of HJ 663 / GB 3095 表4: hourly, daily, 8-hour, monthly, annual; percentiles.</summary>
public static class AirStatistics
{
    /// <summary>The 8-h limit the MDA8 is checked against when windows are missing (GB 3095 class 2).</summary>
    public const decimal O3EightHourLimit = 160;

    /// <summary>The O3 1-h limit (class 2) that makes a daily maximum valid with fewer than 20 hours.</summary>
    public const decimal O3HourLimit = 200;

    /// <summary>An hourly value needs 45 minutes of data.</summary>
    public static bool HourValid(int minutes) => minutes >= 45;

    /// <summary>A 24-h mean needs 20 valid hours of the natural day.</summary>
    public static bool DayValid(int hours) => hours >= 20;

    /// <summary>An O3 8-h mean needs 6 valid hours of the 8.</summary>
    public static bool EightHourValid(int hours) => hours >= 6;

    /// <summary>A monthly mean needs 27 daily values (25 in February).</summary>
    public static bool MonthValid(int month, int days) => days >= (month == 2 ? 25 : 27);

    /// <summary>An annual mean needs 324 daily values and, when the months are given, every month valid.</summary>
    public static bool YearValid(int days, IReadOnlyList<int>? monthlyDays)
        => days >= 324 && (monthlyDays is null || monthlyDays.Select((d, i) => MonthValid(i + 1, d)).All(v => v));

    /// <summary>The O3 8-h moving averages and MDA8 of 24 hourly values (element i = hour i:00–(i+1):00; null = missing).</summary>
    public static OzoneEightHour O3EightHour(ReadOnlySpan<decimal?> hours)
    {
        if (hours.Length != 24)
        {
            throw new ArgumentException("a day has 24 hourly values", nameof(hours));
        }

        var moving = new decimal?[24];
        decimal? mda8 = null;
        var windows = 0;
        for (var end = 0; end < 24; end++)
        {
            var (sum, count) = (0m, 0);
            for (var i = Math.Max(0, end - 7); i <= end; i++)
            {
                if (hours[i] is { } value)
                {
                    sum += value;
                    count++;
                }
            }

            moving[end] = EightHourValid(count) ? sum / count : null;
            if (end >= 7 && moving[end] is { } average)
            {
                windows++;
                mda8 = mda8 is { } max && max >= average ? max : average;
            }
        }

        return new OzoneEightHour(moving, mda8, windows, windows >= 14 || mda8 > O3EightHourLimit);
    }

    /// <summary>The mean of the valid hours when there are at least 20, else null; and how many there were.</summary>
    public static (decimal? Mean, int Hours) DailyMean(ReadOnlySpan<decimal?> hours)
    {
        var (sum, count) = (0m, 0);
        foreach (var hour in hours)
        {
            if (hour is { } value)
            {
                sum += value;
                count++;
            }
        }

        return (DayValid(count) ? sum / count : null, count);
    }

    /// <summary>
    /// The O3 daily maximum 1-h value: the maximum of the valid hours when there are at least 20, or fewer but a
    /// maximum above the 1-h limit (standards.md §2.3 leaves this open; docs/indicators.md).
    /// </summary>
    public static decimal? DailyMaxHour(ReadOnlySpan<decimal?> hours)
    {
        decimal? max = null;
        var count = 0;
        foreach (var hour in hours)
        {
            if (hour is { } value)
            {
                count++;
                max = max is { } m && m >= value ? m : value;
            }
        }

        return max is { } highest && (DayValid(count) || highest > O3HourLimit) ? highest : null;
    }

    /// <summary>
    /// A day's values from 24 hourly values per pollutant (SO2, NO2, CO, O3, PM10, PM2.5; absent = not measured):
    /// 24-h means with 20 valid hours, the O3 daily maximum 1-h value and its MDA8 when valid.
    /// </summary>
    public static DailyStatistics Daily(IReadOnlyDictionary<string, decimal?[]> hours)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        decimal? Mean(string pollutant)
        {
            if (!hours.TryGetValue(pollutant, out var series))
            {
                return null;
            }

            var (mean, valid) = DailyMean(series);
            counts[pollutant] = valid;
            return mean;
        }

        var ozone = hours.TryGetValue("O3", out var o3) ? O3EightHour(o3) : null;
        var values = new DailyValues(Mean("SO2"), Mean("NO2"), Mean("CO"), Mean("PM10"), Mean("PM2.5"),
            o3 is null ? null : DailyMaxHour(o3), ozone is { Valid: true } ? ozone.Mda8 : null);
        return new DailyStatistics(values, counts, ozone);
    }

    /// <summary>
    /// The HJ 663 percentile: sort ascending, k = 1 + (n − 1)·p/100, s = ⌊k⌋, X(s) + (X(s+1) − X(s))·(k − s); exact.
    /// </summary>
    public static decimal Percentile(IEnumerable<decimal> values, decimal p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        if (p is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is between 0 and 100");
        }

        var k = 1 + ((sorted.Count - 1) * p / 100);
        var s = (int)decimal.Floor(k);
        return s >= sorted.Count ? sorted[^1] : sorted[s - 1] + ((sorted[s] - sorted[s - 1]) * (k - s));
    }
}
