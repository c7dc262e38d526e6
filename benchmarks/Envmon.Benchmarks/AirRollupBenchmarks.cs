using BenchmarkDotNet.Attributes;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Server.Stations;
using Envmon.Storage;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 4, incremental update: one new hour of the six pollutants for 5,000 national-control stations in 18 cities
/// (30,000 committed readings) through the server's rollup: every station's and city's hourly AQI recomputed. Target: under 1 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class AirRollupBenchmarks
{
    private const int Stations = 5000;
    private readonly DateTimeOffset _hour = LastHour();
    private string _directory = "";
    private EnvmonStore? _store;
    private StationRegistry? _registry;
    private List<Reading> _readings = [];
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
        var random = new Random(5000);
        string[] pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
        _readings = [.. Enumerable.Range(0, Stations).SelectMany(i => pollutants.Select(p =>
            new Reading($"B{i:D5}", p, DataKind.Hour, _hour, p == "CO" ? Math.Round(random.NextDouble() * 2, 3) : Math.Round(random.NextDouble() * 150, 1), null, null, "N")))];
    }

    [IterationSetup]
    public void FreshRollup() => _rollup = new AirRollup(_registry!, TimeProvider.System);

    [Benchmark]
    public int OneNewHourFor5000Stations()
    {
        _rollup!.Add(_readings);
        return _rollup.CitiesAt(_hour).Count();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static DateTimeOffset LastHour()
    {
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }
}
