using System.Globalization;
using System.Text;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Storage;
using Envmon.Storage.Readings;

namespace Envmon.Server.Indicators;

/// <summary>A city's daily AQI for one Beijing date, with the daily values it came from and how many stations gave them.</summary>
public sealed record CityDay(string City, string Name, DateOnly Date, AqiReport Report, DailyValues Values, int Stations);

/// <summary>
/// Daily AQI of every city from the stored hourly readings (docs/indicators.md): each national-control station's
/// daily values (24-h means with 20 valid hours, the O3 daily maximum 1-h value and MDA8) are averaged over the
/// city's stations that have them, then the daily AQI is computed under the rules of the date.
/// </summary>
public static class CityDailyAqi
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The cities' daily AQI for <paramref name="date"/>, by city code.</summary>
    public static IReadOnlyList<CityDay> Compute(EnvmonStore store, IEnumerable<Station> stations, DateOnly date)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Beijing);
        var hours = new Dictionary<string, Dictionary<string, decimal?[]>>(StringComparer.Ordinal);
        foreach (var stored in store.Readings(new ReadingQuery(Kind: DataKind.Hour, From: from, To: from.AddDays(1))))
        {
            var r = stored.Reading;
            if (r.Value is { } value && r.Flag is "N" or "")
            {
                var station = hours.TryGetValue(r.Mn, out var h) ? h : hours[r.Mn] = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
                var series = station.TryGetValue(r.Parameter, out var s) ? s : station[r.Parameter] = new decimal?[24];
                series[(int)(r.Time - from).TotalHours] = (decimal)value;
            }
        }

        var rules = AirRuleSets.ForDate(date);
        var days = new List<CityDay>();
        foreach (var city in stations.Where(s => s.Network == Network.NationalAir).GroupBy(s => s.CityCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var daily = city.Select(s => hours.TryGetValue(s.Mn, out var station) ? AirStatistics.Daily(station).Values : new DailyValues()).ToList();
            decimal? Mean(Func<DailyValues, decimal?> item)
            {
                var values = daily.Select(item).OfType<decimal>().ToList();
                return values.Count == 0 ? null : values.Sum() / values.Count;
            }

            var values = new DailyValues(Mean(d => d.So2), Mean(d => d.No2), Mean(d => d.Co), Mean(d => d.Pm10), Mean(d => d.Pm25),
                Mean(d => d.O3MaxHour), Mean(d => d.O3MaxEightHour));
            var reporting = daily.Count(d => d != new DailyValues());
            days.Add(new CityDay(city.Key, city.First().CityName ?? city.Key, date, AirQualityIndex.Daily(values, rules), values, reporting));
        }

        return days;
    }

    /// <summary>
    /// The days as CSV: <c>date,city_code,city_name,aqi,published,category,primary,SO2,NO2,CO,O3_1h_max,O3_8h_max,PM10,PM2.5,stations</c>;
    /// concentrations as reported (integers, CO to 0.1), empty when not valid.
    /// </summary>
    public static string ToCsv(IEnumerable<CityDay> days)
    {
        var csv = new StringBuilder("date,city_code,city_name,aqi,published,category,primary,SO2,NO2,CO,O3_1h_max,O3_8h_max,PM10,PM2.5,stations\n");
        foreach (var d in days)
        {
            string Value(string pollutant, decimal? value)
                => value is { } v ? Gbt8170.RoundConcentration(pollutant, v).ToString("F" + Gbt8170.Digits(pollutant).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "";
            csv.Append(CultureInfo.InvariantCulture, $"{d.Date:yyyy-MM-dd},{d.City},{d.Name},{d.Report.Aqi},{d.Report.Published},{d.Report.Category?.Category},")
                .Append(string.Join(' ', d.Report.Primary)).Append(',')
                .Append(CultureInfo.InvariantCulture, $"{Value("SO2", d.Values.So2)},{Value("NO2", d.Values.No2)},{Value("CO", d.Values.Co)},")
                .Append(CultureInfo.InvariantCulture, $"{Value("O3", d.Values.O3MaxHour)},{Value("O3", d.Values.O3MaxEightHour)},")
                .Append(CultureInfo.InvariantCulture, $"{Value("PM10", d.Values.Pm10)},{Value("PM2.5", d.Values.Pm25)},{d.Stations}\n");
        }

        return csv.ToString();
    }
}
