using System.Globalization;
using System.IO.Compression;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Tests.Quality;

/// <summary>
/// The default rules on real, unaudited CNEMC hourly data (Henan, January and July 2019; tests/Shared/realdata):
/// honest data must mostly pass, and the anomalies the data's README lists must be caught.
/// </summary>
public sealed class RealDataQcTests(ITestOutputHelper output)
{
    private static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];

    [Theory]
    [InlineData("2019-01")]
    [InlineData("2019-07")]
    public void The_default_rules_pass_real_data_and_catch_its_listed_anomalies(string month)
    {
        var (stations, series) = Load(month);
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var outcomes = engine.Evaluate(series);
        var flagged = new Dictionary<(string Mn, string Parameter, DateTimeOffset Time), QcOutcome>();
        int values = 0, suspect = 0, fail = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < series.Count; s++)
        {
            for (var i = 0; i < outcomes[s].Count; i++)
            {
                var outcome = outcomes[s][i];
                if (outcome.Level == QcLevel.Missing)
                {
                    continue;
                }

                values++;
                suspect += outcome.Level == QcLevel.Suspect ? 1 : 0;
                fail += outcome.Level == QcLevel.Fail ? 1 : 0;
                foreach (var flag in outcome.Flags)
                {
                    reasons[flag.Reason] = reasons.GetValueOrDefault(flag.Reason) + 1;
                }

                if (outcome.Flags.Count > 0)
                {
                    flagged[(series[s].Station.Mn, series[s].Parameter, series[s].TimeAt(i))] = outcome;
                }
            }
        }

        output.WriteLine($"{month}: {values} values, suspect {suspect} ({100.0 * suspect / values:F2} %), fail {fail} ({100.0 * fail / values:F3} %)");
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  {reason}: {count}");
        }

        var events = Events(month);
        foreach (var kind in events.Select(e => e.Kind).Distinct().Where(k => k != "flat_run"))
        {
            var ofKind = events.Where(e => e.Kind == kind).ToList();
            var caught = ofKind.Count(e => flagged.ContainsKey((e.Mn, e.Parameter, e.Time)));
            output.WriteLine($"  listed {kind}: {caught} of {ofKind.Count} flagged");
        }

        // A listed flat run is dated by its first hour; the flat-line test flags the hours that end a long enough run.
        var runs = events.Where(e => e.Kind == "flat_run" && e.Value > Above(e.Parameter) && e.Length >= 4 && Month(e.Time.AddHours(e.Length - 1)) == month).ToList();
        var caughtRuns = runs.Count(e => flagged.TryGetValue((e.Mn, e.Parameter, e.Time.AddHours(e.Length - 1)), out var o) && o.Flags.Any(f => f.Reason == "flat-line"));
        output.WriteLine($"  listed flat_run above the low level: {caughtRuns} of {runs.Count} flagged (all {events.Count(e => e.Kind == "flat_run")})");
        var missed = runs.Where(e => e.Length >= (e.Parameter is "SO2" or "CO" ? 6 : 4)
            && !(flagged.TryGetValue((e.Mn, e.Parameter, e.Time.AddHours(e.Length - 1)), out var o) && o.Flags.Any(f => f.Reason == "flat-line")));
        Assert.Empty(missed);
        Assert.True(fail < values * 0.002, $"{fail} of {values} values fail");
        Assert.True(suspect < values * 0.03, $"{suspect} of {values} values are suspect");
        Assert.All(events.Where(e => e.Kind is "spike_1h" or "dip_1h"), e => Assert.Contains(flagged[(e.Mn, e.Parameter, e.Time)].Flags, f => f.Reason is "spike" or "neighbour"));
        Assert.All(events.Where(e => e.Kind == "pm25_gt_pm10"), e => Assert.Contains(flagged[(e.Mn, "PM2.5", e.Time)].Flags, f => f.Reason == "pm-inversion"));
    }

    internal static (List<Station> Stations, List<QcSeries> Series) Load(string month)
    {
        var password = StationPassword.Create("x", iterations: 1);
        var stations = File.ReadLines(Path.Combine("realdata", "henan_stations_2019.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new Station
            {
                Mn = f[0],
                Name = f[2],
                Network = Network.NationalAir,
                CityCode = "410100",
                Password = password,
                Longitude = double.Parse(f[3], CultureInfo.InvariantCulture),
                Latitude = double.Parse(f[4], CultureInfo.InvariantCulture),
            })
            .ToList();
        var first = DateTimeOffset.Parse($"{month}-01T00:00:00+08:00", CultureInfo.InvariantCulture);
        var hours = (int)(first.AddMonths(1) - first).TotalHours;
        var values = new Dictionary<(string Mn, string Parameter), double[]>();
        using var file = File.OpenRead(Path.Combine("realdata", $"henan_{month}_hourly_long.csv.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (!Pollutants.Contains(f[2]))
            {
                continue;
            }

            // The file labels an hour by its end; HJ 212 DataTime is its start.
            var slot = (int)(DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture).AddHours(-1) - first).TotalHours;
            if (slot is >= 0 && slot < hours)
            {
                if (!values.TryGetValue((f[0], f[2]), out var series))
                {
                    values[(f[0], f[2])] = series = [.. Enumerable.Repeat(double.NaN, hours)];
                }

                series[slot] = double.Parse(f[3], CultureInfo.InvariantCulture);
            }
        }

        var byMn = stations.ToDictionary(s => s.Mn);
        var list = values.Select(v => new QcSeries
        {
            Station = byMn[v.Key.Mn],
            Parameter = v.Key.Parameter,
            Kind = DataKind.Hour,
            Start = first,
            Step = TimeSpan.FromHours(1),
            Values = v.Value,
            Flags = [.. v.Value.Select(x => double.IsNaN(x) ? null : "N")],
        }).ToList();
        return (stations.Where(s => values.Keys.Any(k => k.Mn == s.Mn)).ToList(), list);
    }

    private static string Month(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static double Above(string parameter) => parameter == "CO" ? 1.0 : 10;

    internal static List<(string Kind, string Mn, DateTimeOffset Time, string Parameter, double Value, int Length)> Events(string month)
        => [.. File.ReadLines(Path.Combine("realdata", "henan_2019_anomaly_events.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Kind: f[0], Mn: f[1], Time: DateTimeOffset.Parse(f[2], CultureInfo.InvariantCulture).AddHours(-1), Parameter: f[3],
                Value: double.Parse(f[4], CultureInfo.InvariantCulture), Length: f[0] == "flat_run" ? int.Parse(f[5].Split(' ')[0], CultureInfo.InvariantCulture) : 0))
            .Where(e => Month(e.Time) == month && Month(e.Time.AddHours(1)) == month)];
}
