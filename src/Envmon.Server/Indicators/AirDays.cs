using System.Globalization;
using System.Text;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Stations;
using Envmon.Storage;

namespace Envmon.Server.Indicators;

/// <summary>A station's daily AQI for one Beijing date, with the statistics (daily values, valid hours, O3 8-h) it came from.</summary>
public sealed record StationDay(string Mn, string Name, string CityCode, DateOnly Date, AqiReport Report, DailyStatistics Statistics);

/// <summary>A city's daily AQI for one Beijing date, with the daily values it came from and how many stations gave them.</summary>
public sealed record CityDay(string City, string Name, DateOnly Date, AqiReport Report, DailyValues Values, int Stations);

/// <summary>
/// Daily AQI of stations and cities from the stored hourly readings (docs/indicators.md): each air station's daily
/// values (24-h means with 20 valid hours, the O3 daily maximum 1-h value and MDA8, HJ 663) and daily AQI; a city
/// averages the daily values of its national-control stations that have them, then computes its daily AQI, under
/// the rules of the date. The store is read once, densely, for all stations and days asked for.
/// </summary>
public static class AirDays
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly string[] ValidFlags = ["N", ""];

    /// <summary>
    /// The days <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of every air station
    /// and city; with <paramref name="keep"/>, only the hourly values it keeps (station, pollutant, hour start) count:
    /// the reviewed indicators.
    /// </summary>
    public static (IReadOnlyList<StationDay> Stations, IReadOnlyList<CityDay> Cities) Compute(
        EnvmonStore store, IEnumerable<Station> stations, DateOnly first, int count, Func<string, string, DateTimeOffset, bool>? keep = null)
    {
        var air = stations.Where(s => s.Network.IsAir()).OrderBy(s => s.Mn, StringComparer.Ordinal).ToList();
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Beijing);
        var matrix = store.HourlyValues([.. air.Select(s => s.Mn)], AirRollup.Pollutants, from, count * 24, ValidFlags);
        var stationDays = new List<StationDay>(air.Count * count);
        var series = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        // One day's hours per pollutant, reused for every station and day (the statistics keep none of them).
        var buffers = AirRollup.Pollutants.Select(_ => new decimal?[24]).ToArray();
        for (var s = 0; s < air.Count; s++)
        {
            for (var d = 0; d < count; d++)
            {
                series.Clear();
                for (var p = 0; p < AirRollup.Pollutants.Length; p++)
                {
                    var hours = matrix.Series(s, p).Slice(d * 24, 24);
                    if (!hours.ContainsAnyExcept(double.NaN))
                    {
                        continue;
                    }

                    var values = buffers[p];
                    for (var h = 0; h < 24; h++)
                    {
                        values[h] = double.IsNaN(hours[h]) || (keep is not null && !keep(air[s].Mn, AirRollup.Pollutants[p], from.AddHours((d * 24) + h)))
                            ? null : (decimal)hours[h];
                    }

                    series[AirRollup.Pollutants[p]] = values;
                }

                if (series.Count == 0)
                {
                    continue;
                }

                var date = first.AddDays(d);
                var statistics = AirStatistics.Daily(series);
                stationDays.Add(new StationDay(air[s].Mn, air[s].Name, air[s].CityCode, date, AirQualityIndex.Daily(statistics.Values, AirRuleSets.ForDate(date)), statistics));
            }
        }

        var byStation = stationDays.ToDictionary(d => (d.Mn, d.Date));
        var cities = new List<CityDay>();
        foreach (var city in air.Where(s => s.Network == Network.NationalAir).GroupBy(s => s.CityCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            for (var d = 0; d < count; d++)
            {
                var date = first.AddDays(d);
                var daily = city.Select(s => byStation.TryGetValue((s.Mn, date), out var day) ? day.Statistics.Values : null).OfType<DailyValues>().ToList();
                cities.Add(City(city.Key, city.First().CityName ?? city.Key, date, daily));
            }
        }

        return (stationDays, cities);
    }

    /// <summary>A city's day from its stations' daily values: each item averaged over the stations that have it.</summary>
    public static CityDay City(string code, string name, DateOnly date, IReadOnlyList<DailyValues> stations)
    {
        decimal? Mean(Func<DailyValues, decimal?> item)
        {
            var values = stations.Select(item).OfType<decimal>().ToList();
            return values.Count == 0 ? null : values.Sum() / values.Count;
        }

        var values = new DailyValues(Mean(d => d.So2), Mean(d => d.No2), Mean(d => d.Co), Mean(d => d.Pm10), Mean(d => d.Pm25),
            Mean(d => d.O3MaxHour), Mean(d => d.O3MaxEightHour));
        return new CityDay(code, name, date, AirQualityIndex.Daily(values, AirRuleSets.ForDate(date)), values, stations.Count(d => d != new DailyValues()));
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
