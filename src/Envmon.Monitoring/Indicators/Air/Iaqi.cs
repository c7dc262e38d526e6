namespace Envmon.Monitoring.Indicators.Air;

/// <summary>The averaging period of a concentration looked up in an IAQI table.</summary>
public enum AveragingPeriod
{
    /// <summary>One hour.</summary>
    Hour,

    /// <summary>Eight hours (O3).</summary>
    EightHours,

    /// <summary>24 hours.</summary>
    Day,
}

/// <summary>An individual air quality index: the value (null when the standard computes none), how it was found, and the exact interpolation.</summary>
/// <param name="Value">The IAQI, carried up to an integer; null when not computed.</param>
/// <param name="Rule">breakpoint, interpolated, above_top_breakpoint_500, so2_1h_gt_800_use_24h_iaqi, so2_1h_gt_800_fixed_200,
/// o3_8h_gt_800_use_1h_iaqi, o3_8h_gt_800_fixed_300 or invalid_negative.</param>
/// <param name="Raw">The interpolated value before carrying up, when interpolated.</param>
/// <param name="Table">The table used, e.g. <c>PM2.5 24h</c>.</param>
public sealed record IaqiResult(int? Value, string Rule, decimal? Raw, string Table);

/// <summary>
/// HJ 633 IAQI tables (表1 of 2012, 表3 of 2026; ../shared/docs/standards.md §1.1) and the interpolation, in exact
/// decimal arithmetic, carried up to the next integer (a concentration on a breakpoint gives exactly that breakpoint's
/// index).
/// </summary>
public static class Iaqi
{
    private static readonly decimal[] Index = [0, 50, 100, 150, 200, 300, 400, 500];

    private static readonly Dictionary<(string, AveragingPeriod), decimal[]> Tables2012 = new()
    {
        [("SO2", AveragingPeriod.Day)] = [0, 50, 150, 475, 800, 1600, 2100, 2620],
        [("SO2", AveragingPeriod.Hour)] = [0, 150, 500, 650, 800],
        [("NO2", AveragingPeriod.Day)] = [0, 40, 80, 180, 280, 565, 750, 940],
        [("NO2", AveragingPeriod.Hour)] = [0, 100, 200, 700, 1200, 2340, 3090, 3840],
        [("PM10", AveragingPeriod.Day)] = [0, 50, 150, 250, 350, 420, 500, 600],
        [("CO", AveragingPeriod.Day)] = [0, 2, 4, 14, 24, 36, 48, 60],
        [("CO", AveragingPeriod.Hour)] = [0, 5, 10, 35, 60, 90, 120, 150],
        [("O3", AveragingPeriod.Hour)] = [0, 160, 200, 300, 400, 800, 1000, 1200],
        [("O3", AveragingPeriod.EightHours)] = [0, 100, 160, 215, 265, 800],
        [("PM2.5", AveragingPeriod.Day)] = [0, 35, 75, 115, 150, 250, 350, 500],
    };

    // HJ 633-2026 moves the IAQI-100 breakpoints of PM10 (150 → 120) and PM2.5 (75 → 60); the rest is unchanged.
    private static readonly Dictionary<(string, AveragingPeriod), decimal[]> Tables2026 = new(Tables2012)
    {
        [("PM10", AveragingPeriod.Day)] = [0, 50, 120, 250, 350, 420, 500, 600],
        [("PM2.5", AveragingPeriod.Day)] = [0, 35, 60, 115, 150, 250, 350, 500],
    };

    /// <summary>Whether there is a table for <paramref name="pollutant"/> over <paramref name="period"/>.</summary>
    public static bool HasTable(string pollutant, AveragingPeriod period) => Tables2012.ContainsKey((pollutant, TablePeriod(pollutant, period)));

    // PM10 and PM2.5 have 24-h tables only; the real-time report reads their 1-h values on them.
    private static AveragingPeriod TablePeriod(string pollutant, AveragingPeriod period)
        => pollutant is "PM10" or "PM2.5" && period == AveragingPeriod.Hour ? AveragingPeriod.Day : period;

    /// <summary>
    /// The IAQI of <paramref name="concentration"/> (CO in mg/m³, the rest in µg/m³). SO2 1-h above 800 and O3 8-h above
    /// 800 follow the rule set: 2012 computes no index (the caller uses the 24-h SO2 or the 1-h O3 index instead), 2026
    /// fixes 200 and 300. Above the last breakpoint of any other table the index is 500.
    /// </summary>
    /// <exception cref="ArgumentException">No table for the pollutant and period.</exception>
    public static IaqiResult Compute(string pollutant, AveragingPeriod period, decimal concentration, AirRules rules)
    {
        var tables = rules == AirRules.V2012 ? Tables2012 : Tables2026;
        period = TablePeriod(pollutant, period);
        if (!tables.TryGetValue((pollutant, period), out var breakpoints))
        {
            throw new ArgumentException($"no IAQI table for {pollutant} over {Name(period)}", nameof(pollutant));
        }

        var table = $"{pollutant} {Name(period)}";
        if (concentration < 0)
        {
            return new IaqiResult(null, "invalid_negative", null, table);
        }

        var top = breakpoints[^1];
        if (concentration > top)
        {
            return (pollutant, period) switch
            {
                ("SO2", AveragingPeriod.Hour) => rules == AirRules.V2012
                    ? new IaqiResult(null, "so2_1h_gt_800_use_24h_iaqi", null, table)
                    : new IaqiResult(200, "so2_1h_gt_800_fixed_200", null, table),
                ("O3", AveragingPeriod.EightHours) => rules == AirRules.V2012
                    ? new IaqiResult(null, "o3_8h_gt_800_use_1h_iaqi", null, table)
                    : new IaqiResult(300, "o3_8h_gt_800_fixed_300", null, table),
                _ => new IaqiResult(500, "above_top_breakpoint_500", null, table),
            };
        }

        for (var i = 0; i < breakpoints.Length; i++)
        {
            if (concentration == breakpoints[i])
            {
                return new IaqiResult((int)Index[i], "breakpoint", Index[i], table);
            }

            if (concentration < breakpoints[i])
            {
                var numerator = (Index[i] - Index[i - 1]) * (concentration - breakpoints[i - 1]);
                var denominator = breakpoints[i] - breakpoints[i - 1];
                return new IaqiResult((int)(Index[i - 1] + CeilingOfQuotient(numerator, denominator)), "interpolated",
                    Index[i - 1] + (numerator / denominator), table);
            }
        }

        throw new InvalidOperationException("unreachable: the concentration is within the table");
    }

    /// <summary><c>1h</c>, <c>8h</c> or <c>24h</c>.</summary>
    public static string Name(AveragingPeriod period) => period switch
    {
        AveragingPeriod.Hour => "1h",
        AveragingPeriod.EightHours => "8h",
        _ => "24h",
    };

    // ⌈n/d⌉ for n ≥ 0, d > 0, exactly: decimal division rounds at 28 digits, so the floor is corrected by multiplying back.
    private static decimal CeilingOfQuotient(decimal numerator, decimal denominator)
    {
        var floor = decimal.Floor(numerator / denominator);
        while (floor * denominator > numerator)
        {
            floor--;
        }

        while ((floor + 1) * denominator <= numerator)
        {
            floor++;
        }

        return floor * denominator == numerator ? floor : floor + 1;
    }
}
