using BenchmarkDotNet.Attributes;
using Envmon.Monitoring.Interference;
using Envmon.Monitoring.Quality;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 5: interference detection over one month of hourly data (six pollutants) for 2,000 stations spread over
/// Henan, every detector, neighbours from the QC configuration (40 km), seven days of context. Target: ≤ 30 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class InterferenceBenchmarks
{
    private const int Stations = 2000;
    private const int Hours = (30 + 7) * 24;
    private static readonly string[] Parameters = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
    private double[] _values = [];
    private HourlyBlock? _block;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12);
        var stations = SyntheticStations.Create(Stations, "I", random);
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var index = stations.Select((s, i) => (s.Mn, i)).ToDictionary(x => x.Mn, x => x.i);
        _values = new double[Stations * Parameters.Length * Hours];
        for (var s = 0; s < Stations; s++)
        {
            for (var t = 0; t < Hours; t++)
            {
                var weather = Math.Exp((0.6 * Math.Sin((t / 36.0) + (0.5 * stations[s].Latitude))) + (0.2 * Math.Sin(t / 7.0)));
                double[] levels = [12, 35, 0.9, 60, 110, 60];
                for (var p = 0; p < Parameters.Length; p++)
                {
                    _values[(((s * Parameters.Length) + p) * Hours) + t] = Math.Round(levels[p] * weather * (0.85 + (0.3 * random.NextDouble())), p == 2 ? 1 : 0);
                }
            }
        }

        _block = new HourlyBlock
        {
            Stations = [.. stations.Select(s => s.Mn)],
            Parameters = Parameters,
            Start = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(8)),
            Hours = Hours,
            Series = (s, p) => _values.AsSpan((((s * Parameters.Length) + p) * Hours), Hours),
            Neighbours = [.. stations.Select(s => engine.NeighboursOf(s).Select(n => index[n.Mn]).ToArray())],
            ReportFrom = 7 * 24,
        };
    }

    [Benchmark]
    public int OneMonthFor2000Stations() => InterferenceDetectors.Run(_block!).Count;
}
