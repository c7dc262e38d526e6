namespace Envmon.Monitoring.Indicators.Air;

/// <summary>One hour's concentrations for the real-time AQI; null = not measured. CO in mg/m³, the rest in µg/m³.</summary>
public sealed record HourlyConcentrations(
    decimal? So2 = null, decimal? No2 = null, decimal? Co = null, decimal? O3 = null, decimal? Pm10 = null, decimal? Pm25 = null,
    decimal? O3EightHour = null, decimal? So2Day = null);

/// <summary>One day's values for the daily AQI: 24-h means, the O3 daily maximum 1-h value and the MDA8; null = not valid.</summary>
public sealed record DailyValues(
    decimal? So2 = null, decimal? No2 = null, decimal? Co = null, decimal? Pm10 = null, decimal? Pm25 = null,
    decimal? O3MaxHour = null, decimal? O3MaxEightHour = null);

/// <summary>
/// HJ 633 real-time and daily AQI (../shared/docs/standards.md §1, docs/indicators.md). The real-time AQI follows
/// the practice CNEMC has published since 2017 and the 2026 text: the six 1-h values, PM read on the 24-h table, no
/// O3 8-h term unless asked for.
/// </summary>
public static class AirQualityIndex
{
    /// <summary>The real-time AQI of one hour.</summary>
    /// <param name="hour">The concentrations.</param>
    /// <param name="rules">The rule set.</param>
    /// <param name="includeO3EightHour">Add the O3 8-h moving average as a term (the 2013 platform did).</param>
    /// <param name="roundConcentrations">Round per GB/T 8170 before the look-up; default: as the rules say.</param>
    public static AqiReport Hourly(HourlyConcentrations hour, AirRules rules, bool includeO3EightHour = false, bool? roundConcentrations = null)
    {
        var report = new Collector(rules, roundConcentrations ?? rules.RoundsConcentrations());
        report.Add("SO2", "SO2", hour.So2, AveragingPeriod.Hour, "1h", special =>
        {
            if (hour.So2Day is { } day && report.Iaqi("SO2", AveragingPeriod.Day, day).Value is { } dayIaqi)
            {
                report.Items.Add(("SO2", dayIaqi, "24h moving average (1h > 800)"));
                report.Notes.Add("SO2 1h > 800: the IAQI of the 24-h moving average is used");
            }
            else
            {
                report.Missing.Add("SO2");
                report.Notes.Add("SO2 1h > 800 and no 24-h moving average: SO2 has no sub-index this hour");
            }
        });
        report.Add("NO2", "NO2", hour.No2, AveragingPeriod.Hour, "1h");
        report.Add("CO", "CO", hour.Co, AveragingPeriod.Hour, "1h");
        report.Add("O3", "O3", hour.O3, AveragingPeriod.Hour, "1h");
        if (includeO3EightHour && hour.O3EightHour is not null)
        {
            report.Add("O3_8h", "O3", hour.O3EightHour, AveragingPeriod.EightHours, "8h moving average",
                _ => report.Notes.Add("O3 8h > 800: 8-h term not computed; O3 judged on 1-h"));
        }

        report.Add("PM10", "PM10", hour.Pm10, AveragingPeriod.Day, "1h value on 24h table");
        report.Add("PM2.5", "PM2.5", hour.Pm25, AveragingPeriod.Day, "1h value on 24h table");
        return report.Build("hourly");
    }

    /// <summary>
    /// A city's concentrations for one hour (standards.md §1.8): per pollutant, the mean of the stations that have a
    /// value, rounded per GB/T 8170 when the rules round; with how many stations gave each. The city AQI is then
    /// <see cref="Hourly"/> of these, never a mean of station AQIs.
    /// </summary>
    public static (HourlyConcentrations Mean, IReadOnlyDictionary<string, int> Stations) CityHour(
        IReadOnlyCollection<HourlyConcentrations> stations, AirRules rules, bool? roundConcentrations = null)
    {
        var round = roundConcentrations ?? rules.RoundsConcentrations();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        decimal? Mean(string pollutant, Func<HourlyConcentrations, decimal?> value)
        {
            var values = stations.Select(value).OfType<decimal>().ToList();
            if (values.Count == 0)
            {
                return null;
            }

            counts[pollutant] = values.Count;
            var mean = values.Sum() / values.Count;
            return round ? Gbt8170.RoundConcentration(pollutant, mean) : mean;
        }

        var city = new HourlyConcentrations(Mean("SO2", s => s.So2), Mean("NO2", s => s.No2), Mean("CO", s => s.Co), Mean("O3", s => s.O3),
            Mean("PM10", s => s.Pm10), Mean("PM2.5", s => s.Pm25));
        return (city, counts);
    }

    /// <summary>
    /// The daily AQI: 24-h means on the 24-h tables; O3 by its daily maximum 1-h value and its MDA8 under the 2012
    /// rules (MDA8 above 800 is not computed, O3 is then judged on the 1-h maximum), by the MDA8 alone under 2026.
    /// </summary>
    public static AqiReport Daily(DailyValues day, AirRules rules, bool? roundConcentrations = null)
    {
        var report = new Collector(rules, roundConcentrations ?? rules.RoundsConcentrations());
        report.Add("SO2", "SO2", day.So2, AveragingPeriod.Day, "24h mean");
        report.Add("NO2", "NO2", day.No2, AveragingPeriod.Day, "24h mean");
        report.Add("CO", "CO", day.Co, AveragingPeriod.Day, "24h mean");
        if (rules == AirRules.V2012)
        {
            report.Add("O3_1h", "O3", day.O3MaxHour, AveragingPeriod.Hour, "daily max 1h");
        }

        report.Add("O3_8h", "O3", day.O3MaxEightHour, AveragingPeriod.EightHours, "daily max 8h (MDA8)",
            _ => report.Notes.Add("O3 MDA8 > 800: 8-h term not computed; O3 judged on daily max 1-h"));
        report.Add("PM10", "PM10", day.Pm10, AveragingPeriod.Day, "24h mean");
        report.Add("PM2.5", "PM2.5", day.Pm25, AveragingPeriod.Day, "24h mean");
        return report.Build("daily");
    }

    // Gathers the items of one report: an absent value is missing; a value the standard gives no index (SO2 1-h or O3
    // 8-h above 800 under 2012) goes to the item's special rule.
    private sealed class Collector(AirRules rules, bool round)
    {
        public List<(string, int, string)> Items { get; } = [];

        public List<string> Missing { get; } = [];

        public List<string> Notes { get; } = [];

        public IaqiResult Iaqi(string pollutant, AveragingPeriod period, decimal concentration)
            => Air.Iaqi.Compute(pollutant, period, round ? Gbt8170.RoundConcentration(pollutant, concentration) : concentration, rules);

        public void Add(string item, string pollutant, decimal? value, AveragingPeriod period, string basis, Action<IaqiResult>? special = null)
        {
            if (value is not { } concentration)
            {
                Missing.Add(item);
                return;
            }

            var result = Iaqi(pollutant, period, concentration);
            if (result.Value is { } iaqi)
            {
                Items.Add((item, iaqi, basis));
            }
            else if (result.Rule == "invalid_negative" || special is null)
            {
                throw new ArgumentOutOfRangeException(nameof(value), concentration, $"{item} is negative");
            }
            else
            {
                special(result);
            }
        }

        public AqiReport Build(string mode) => AqiReport.Build(rules, mode, Items, Missing, Notes);
    }
}
