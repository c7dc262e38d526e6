using BenchmarkDotNet.Attributes;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server;
using Envmon.Server.Indicators;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 4, incremental update: 5,000 national-control stations in 18 cities have stored yesterday's first 23 hours
/// (Beijing); the 24th hour of the six pollutants (30,000 readings) is committed. Measured: from that commit to
/// every affected indicator stored — the rollup recomputes every station and city hour, the indicator writer stores
/// them and recomputes the day of every station and city from the store, and stores it. Target: under 1 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class AirRollupBenchmarks
{
    private const int Stations = 5000;
    private static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
    private string _directory = "";
    private EnvmonStore? _store;
    private StationRegistry? _registry;
    private List<Reading> _lastHour = [];
    private AirRollup? _rollup;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("envmon-rollup-bench-").FullName;
        _store = EnvmonStore.Open(new StoreOptions { DataDirectory = _directory });
        _registry = new StationRegistry(_store);
        var password = StationPassword.Create("123456", iterations: 10);
        _registry.Save([.. Enumerable.Range(0, Stations).Select(i => new Station
        {
            Mn = $"B{i:D5}", Password = password, Name = $"站{i}", Network = Network.NationalAir,
            CityCode = $"41{(i % 18) + 1:D2}00", Latitude = 34, Longitude = 113,
        })]);
        var beijing = TimeSpan.FromHours(8);
        var yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(beijing).DateTime).AddDays(-1);
        var midnight = new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), beijing);
        var random = new Random(5000);
        for (var h = 0; h < 24; h++)
        {
            var hour = midnight.AddHours(h);
            var readings = Enumerable.Range(0, Stations).SelectMany(i => Pollutants.Select(p =>
                new Reading($"B{i:D5}", p, DataKind.Hour, hour, p == "CO" ? Math.Round(random.NextDouble() * 2, 3) : Math.Round(random.NextDouble() * 150, 1), null, null, "N"))).ToList();
            if (h == 23)
            {
                _lastHour = readings;
            }

            var batch = new IngestBatch();
            batch.Add(new ArchivedFrame(hour, "127.0.0.1:1", "bench", null, "2061", "ok", [1]), readings);
            _store.Commit(batch);
        }
    }

    [IterationSetup]
    public void Fresh() => _rollup = new AirRollup(_registry!, TimeProvider.System);

    [Benchmark]
    public int OneNewHourFor5000Stations()
    {
        // A fresh writer has stored nothing, so it stores every result.
        using var writer = new IndicatorWriter(_store!, _registry!, new ReviewBook(_store!, _registry!, TimeProvider.System, Options.Create(new ReviewOptions())), TimeProvider.System,
            Options.Create(new ServerOptions()), NullLogger<IndicatorWriter>.Instance);
        var changes = _rollup!.Add(_lastHour);
        writer.Enqueue(changes, null, _lastHour);
        writer.Write();
        return changes.Cities.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
