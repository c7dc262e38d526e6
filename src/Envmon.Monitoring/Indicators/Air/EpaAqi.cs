namespace Envmon.Monitoring.Indicators.Air;

/// <summary>One US EPA sub-index: the index, the truncated concentration it came from, and the interpolation before rounding.</summary>
public sealed record EpaSubIndex(int Aqi, decimal Truncated, decimal Raw, string Rule);

/// <summary>
/// The US EPA AQI with the 2024 PM2.5 breakpoints (../shared/docs/standards.md §5), for international users: the
/// concentration truncated to the table's digits, interpolated in its row and rounded half up. O3 8-h is undefined
/// above 0.200 ppm and SO2 1-h from 305 ppb (the 1-h O3 and 24-h SO2 rows take over); above the top row, 500.
/// Units: O3 and CO in ppm, SO2 and NO2 in ppb, PM in µg/m³.
/// </summary>
public static class EpaAqi
{
    private static readonly (int Lo, int Hi)[] Indexes = [(0, 50), (51, 100), (101, 150), (151, 200), (201, 300), (301, 500)];

    // Per item: decimals kept, and the concentration rows (null: the row is not defined for this item).
    private static readonly Dictionary<string, (int Digits, (decimal Lo, decimal Hi)?[] Rows)> Tables = new(StringComparer.Ordinal)
    {
        ["PM2.5"] = (1, [(0.0m, 9.0m), (9.1m, 35.4m), (35.5m, 55.4m), (55.5m, 125.4m), (125.5m, 225.4m), (225.5m, 325.4m)]),
        ["PM10"] = (0, [(0, 54), (55, 154), (155, 254), (255, 354), (355, 424), (425, 604)]),
        ["O3_8h"] = (3, [(0.000m, 0.054m), (0.055m, 0.070m), (0.071m, 0.085m), (0.086m, 0.105m), (0.106m, 0.200m), null]),
        ["O3_1h"] = (3, [null, null, (0.125m, 0.164m), (0.165m, 0.204m), (0.205m, 0.404m), (0.405m, 0.604m)]),
        ["CO"] = (1, [(0.0m, 4.4m), (4.5m, 9.4m), (9.5m, 12.4m), (12.5m, 15.4m), (15.5m, 30.4m), (30.5m, 50.4m)]),
        ["SO2_1h"] = (0, [(0, 35), (36, 75), (76, 185), (186, 304), null, null]),
        ["SO2_24h"] = (0, [null, null, null, null, (305, 604), (605, 1004)]),
        ["NO2"] = (0, [(0, 53), (54, 100), (101, 360), (361, 649), (650, 1249), (1250, 2049)]),
    };

    /// <summary>The items, in the order they are listed.</summary>
    public static IReadOnlyCollection<string> Items => Tables.Keys;

    /// <summary>The sub-index of <paramref name="item"/>, or null when its table does not cover the value (O3 8-h above 0.200, SO2 1-h from 305, O3 1-h below 0.125).</summary>
    public static EpaSubIndex? SubIndex(string item, decimal concentration)
    {
        var (digits, rows) = Tables.TryGetValue(item, out var table) ? table : throw new ArgumentException($"no EPA table for {item}", nameof(item));
        var factor = (decimal)Math.Pow(10, digits);
        var truncated = decimal.Truncate(concentration * factor) / factor;
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is { } row && truncated >= row.Lo && truncated <= row.Hi)
            {
                var (lo, hi) = Indexes[i];
                var raw = lo + ((hi - lo) * (truncated - row.Lo) / (row.Hi - row.Lo));
                return new EpaSubIndex((int)Math.Round(raw, MidpointRounding.AwayFromZero), truncated, raw, "interpolated");
            }
        }

        return rows[^1] is { } top && truncated > top.Hi ? new EpaSubIndex(500, truncated, 500, "above_top_500") : null;
    }

    /// <summary>The EPA category name and colour of an index (purple 143,63,151).</summary>
    public static (string Category, byte[] Rgb, string Hex) Category(int aqi) => aqi switch
    {
        <= 50 => ("Good", [0, 228, 0], "#00E400"),
        <= 100 => ("Moderate", [255, 255, 0], "#FFFF00"),
        <= 150 => ("Unhealthy for Sensitive Groups", [255, 126, 0], "#FF7E00"),
        <= 200 => ("Unhealthy", [255, 0, 0], "#FF0000"),
        <= 300 => ("Very Unhealthy", [143, 63, 151], "#8F3F97"),
        _ => ("Hazardous", [126, 0, 35], "#7E0023"),
    };
}
