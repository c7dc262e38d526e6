using BenchmarkDotNet.Attributes;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 4, engine only: a year of hourly data for 2,000 stations × 6 pollutants (about 105 million values, in
/// memory) to daily values, daily AQI, and the annual evaluation of every station. Target: under 5 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class AirYearBenchmarks
{
    private const int Stations = 2000;
    private const int Hours = 365 * 24;
    private static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
    private decimal?[][][] _hourly = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2019);
        _hourly = new decimal?[Stations][][];
        for (var s = 0; s < Stations; s++)
        {
            _hourly[s] = new decimal?[Pollutants.Length][];
            for (var p = 0; p < Pollutants.Length; p++)
            {
                var series = _hourly[s][p] = new decimal?[Hours];
                var scale = Pollutants[p] switch { "CO" => 1.0, "O3" => 90, "PM10" => 80, "PM2.5" => 45, "NO2" => 30, _ => 10 };
                for (var h = 0; h < Hours; h++)
                {
                    // A diurnal cycle, noise, and one hour in fifty missing.
                    var value = scale * (1 + (0.5 * Math.Sin(h * Math.PI / 12)) + (0.3 * random.NextDouble()));
                    series[h] = random.Next(50) == 0 ? null : Math.Round((decimal)value, Pollutants[p] == "CO" ? 3 : 1);
                }
            }
        }
    }

    [Benchmark]
    public int DailyAqiAndAnnualEvaluation()
    {
        var compliant = 0;
        var daily = new List<decimal>[Pollutants.Length];
        for (var s = 0; s < Stations; s++)
        {
            for (var p = 0; p < daily.Length; p++)
            {
                (daily[p] ??= new List<decimal>(365)).Clear();
            }

            var station = _hourly[s];
            for (var d = 0; d < 365; d++)
            {
                decimal? Mean(int p)
                {
                    var mean = AirStatistics.DailyMean(station[p].AsSpan(d * 24, 24)).Mean;
                    if (mean is { } m)
                    {
                        daily[p].Add(m);
                    }

                    return mean;
                }

                var o3 = station[3].AsSpan(d * 24, 24);
                var mda8 = AirStatistics.O3EightHour(o3);
                if (mda8 is { Valid: true, Mda8: { } value })
                {
                    daily[3].Add(value);
                }

                var values = new DailyValues(Mean(0), Mean(1), Mean(2), Mean(4), Mean(5), AirStatistics.DailyMaxHour(o3), mda8.Valid ? mda8.Mda8 : null);
                compliant += AirQualityIndex.Daily(values, AirRules.V2026).Aqi <= 100 ? 1 : 0;
            }

            for (var p = 0; p < daily.Length; p++)
            {
                compliant += AirEvaluation.Evaluate(Pollutants[p], daily[p], LimitSet.V2026Transition).Compliant ? 1 : 0;
            }
        }

        return compliant;
    }
}
