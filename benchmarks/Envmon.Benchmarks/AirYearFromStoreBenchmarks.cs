using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Storage;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 4, from the store: a year (2025) of hourly data for 2,000 stations × 6 pollutants (about 105 million
/// readings) in the embedded store, read with one query into the engine: every station's and city's daily values
/// and daily AQI, then the annual evaluation of every station. Target: under 60 s. The store is built once through
/// <see cref="EnvmonStore.Commit"/> (several minutes) and kept in <c>ENVMON_BENCH_DIR</c> (default
/// <c>artifacts/bench/year-store</c>) for the next run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class AirYearFromStoreBenchmarks
{
    private const int Stations = 2000;
    private static readonly DateOnly First = new(2025, 1, 1);
    private static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
    private EnvmonStore? _store;
    private List<Station> _stations = [];

    [GlobalSetup]
    public void Setup()
    {
        var directory = Environment.GetEnvironmentVariable("ENVMON_BENCH_DIR") ?? Path.Combine(FindRoot(), "artifacts", "bench", "year-store");
        var complete = Path.Combine(directory, "complete");
        if (!File.Exists(complete) && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        _store = EnvmonStore.Open(new StoreOptions { DataDirectory = directory, MemoryLimit = "4GB" });
        var password = StationPassword.Create("123456", iterations: 10);
        _stations = [.. Enumerable.Range(0, Stations).Select(i => new Station
        {
            Mn = $"Y{i:D5}", Password = password, Name = $"站{i}", Network = Network.NationalAir, CityCode = $"41{(i % 18) + 1:D2}00", Latitude = 34, Longitude = 113,
        })];
        if (File.Exists(complete))
        {
            return;
        }

        var random = new Random(2019);
        var start = new DateTimeOffset(First.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        for (var day = 0; day < 365; day++)
        {
            var batch = new IngestBatch();
            for (var s = 0; s < Stations; s++)
            {
                var readings = new List<Reading>(24 * Pollutants.Length);
                foreach (var p in Pollutants)
                {
                    var scale = p switch { "CO" => 1.0, "O3" => 90, "PM10" => 80, "PM2.5" => 45, "NO2" => 30, _ => 10 };
                    for (var h = 0; h < 24; h++)
                    {
                        // A diurnal cycle, noise, and one hour in fifty missing.
                        if (random.Next(50) != 0)
                        {
                            var value = scale * (1 + (0.5 * Math.Sin(h * Math.PI / 12)) + (0.3 * random.NextDouble()));
                            readings.Add(new Reading($"Y{s:D5}", p, DataKind.Hour, start.AddHours((day * 24) + h), Math.Round(value, p == "CO" ? 3 : 1), null, null, "N"));
                        }
                    }
                }

                batch.Add(new ArchivedFrame(start.AddDays(day), "127.0.0.1:1", "bench", $"Y{s:D5}", "2061", "ok", [1]), readings);
            }

            _store.Commit(batch);
        }

        File.WriteAllText(complete, "");
    }

    [Benchmark]
    public int DailyAqiAndAnnualEvaluationFromTheStore()
    {
        var (stations, cities) = AirDays.Compute(_store!, _stations, First, 365);
        var compliant = cities.Count(c => c.Report.Aqi <= 100);
        foreach (var station in stations.GroupBy(d => d.Mn, StringComparer.Ordinal))
        {
            var days = station.Select(d => new AirDay(d.Date, d.Statistics.Values, d.Report.Aqi)).ToList();
            var summary = AirPeriod.Summarize(days, LimitSet.V2012, AirEvaluation.WeightSets["equal"]);
            compliant += summary.Pollutants.Values.Count(e => e.Compliant);
        }

        return compliant;
    }

    [GlobalCleanup]
    public void Cleanup() => _store?.Dispose();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Envmon.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
