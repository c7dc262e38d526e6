using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Server.Indicators;

/// <summary>
/// A station's or city's daily AQI as the API shows and the store keeps it: values as reported (GB/T 8170: integers,
/// CO to 0.1) under the keys SO2, NO2, CO, PM10, PM2.5, O3_1h_max, O3_8h_max (absent = not valid); a station's valid
/// hours per pollutant; a city's number of reporting stations.
/// </summary>
public sealed record DayView(
    string Code, string Name, DateOnly Date, string Rules, int? Aqi, string? Published, string? Category, string? Level, string? Colour,
    string[] Primary, string[] Exceeding, string[] Missing, Dictionary<string, int> Iaqi, Dictionary<string, decimal> Values,
    Dictionary<string, int>? Hours, int? Stations)
{
    private static readonly (string Key, string Pollutant, Func<DailyValues, decimal?> Value)[] Items =
    [
        ("SO2", "SO2", v => v.So2), ("NO2", "NO2", v => v.No2), ("CO", "CO", v => v.Co), ("PM10", "PM10", v => v.Pm10), ("PM2.5", "PM2.5", v => v.Pm25),
        ("O3_1h_max", "O3", v => v.O3MaxHour), ("O3_8h_max", "O3", v => v.O3MaxEightHour),
    ];

    public static DayView Of(StationDay d) => Of(d.Mn, d.Name, d.Date, d.Report, d.Statistics.Values, new(d.Statistics.Hours, StringComparer.Ordinal), null);

    public static DayView Of(CityDay d) => Of(d.City, d.Name, d.Date, d.Report, d.Values, null, d.Stations);

    /// <summary>The day for period statistics: its reported values and AQI.</summary>
    public AirDay ToAirDay()
    {
        decimal? Value(string key) => Values.TryGetValue(key, out var v) ? v : null;
        return new AirDay(Date, new DailyValues(Value("SO2"), Value("NO2"), Value("CO"), Value("PM10"), Value("PM2.5"), Value("O3_1h_max"), Value("O3_8h_max")), Aqi);
    }

    private static DayView Of(string code, string name, DateOnly date, AqiReport report, DailyValues values, Dictionary<string, int>? hours, int? stations)
    {
        var reported = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, pollutant, value) in Items)
        {
            if (value(values) is { } v)
            {
                reported[key] = Gbt8170.RoundConcentration(pollutant, v);
            }
        }

        return new DayView(code, name, date, report.Rules.Name(), report.Aqi, report.Published, report.Category?.Category, report.Category?.Level,
            report.Category?.RgbHex, [.. report.Primary], [.. report.Exceeding], [.. report.Missing],
            report.Items.ToDictionary(i => i.Item, i => i.Iaqi, StringComparer.Ordinal), reported, hours, stations);
    }
}
