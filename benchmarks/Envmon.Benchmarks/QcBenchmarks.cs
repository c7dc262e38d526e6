using BenchmarkDotNet.Attributes;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 5, single thread: the QC kernels over 10 million hourly values (a PM2.5-like random walk with 2 % gaps).
/// Targets: gross range ≤ 0.03 s, spike ≤ 0.05 s, rate of change ≤ 0.05 s, flat line ≤ 0.15 s, 24-hour rolling
/// standard deviation ≤ 0.15 s (ioos_qc on numpy on this machine: 0.155, 3.7, 0.47, 5.2 and 0.68 s).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class QcKernelBenchmarks
{
    private const int Count = 10_000_000;
    private readonly double[] _values = new double[Count];
    private readonly QcLevel[] _levels = new QcLevel[Count];
    private readonly double[] _std = new double[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(10);
        var x = 50.0;
        for (var i = 0; i < Count; i++)
        {
            x = Math.Clamp(x + ((random.NextDouble() - 0.5) * 12), 1, 600);
            _values[i] = random.NextDouble() < 0.02 ? double.NaN : Math.Round(x);
        }
    }

    [Benchmark]
    public void GrossRange() => QcKernels.Range(_values, _levels, new QcSpan(0, 1000), new QcSpan(1, 600));

    [Benchmark]
    public void Spike() => QcKernels.Spike(_values, _levels, 80, 500);

    [Benchmark]
    public void RateOfChange() => QcKernels.RateOfChange(_values, _levels, 150, 700);

    [Benchmark]
    public void FlatLine() => QcKernels.FlatLine(_values, _levels, 0, 4, 8, 10);

    [Benchmark]
    public void RollingStd24Hours() => QcKernels.RollingStd(_values, _std, 24, 18);
}

/// <summary>
/// Issue 5, real time: one new hour for 5,000 air stations × 10 parameters (6 pollutants, NO, NOx, temperature,
/// humidity) through the default rules, each series with the 30 hours of look-back its tests need, including the
/// PM2.5/PM10 and NO2/NOx checks and the neighbour test (stations spread over Henan, 40 km radius). Target: ≤ 50 ms.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class QcHourBenchmarks
{
    private const int Stations = 5000;
    private const int LookBack = 30;
    private static readonly string[] Parameters = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5", "NO", "NOx", "TEMP", "RH"];
    private QcEngine? _engine;
    private readonly List<QcSeries> _block = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var stations = SyntheticStations.Create(Stations, "Q", random);
        _engine = new QcEngine(QcConfiguration.Default, stations);
        var start = DateTimeOffset.UtcNow.AddHours(-LookBack);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        foreach (var station in stations)
        {
            foreach (var parameter in Parameters)
            {
                var level = parameter switch { "CO" => 1.0, "TEMP" => 10, "RH" => 60, "PM10" => 90, "NOx" => 60, _ => 40 };
                var values = Enumerable.Range(0, LookBack + 1).Select(_ => Math.Round(level * (0.6 + (random.NextDouble() * 0.8)), 1)).ToArray();
                _block.Add(new QcSeries
                {
                    Station = station,
                    Parameter = parameter,
                    Kind = DataKind.Hour,
                    Start = start,
                    Step = TimeSpan.FromHours(1),
                    Values = values,
                    Flags = [.. values.Select(_ => "N")],
                    From = LookBack - 1,
                });
            }
        }

        OneNewHour();
    }

    [Benchmark]
    public int OneNewHour() => _engine!.Evaluate(_block).Count;
}
