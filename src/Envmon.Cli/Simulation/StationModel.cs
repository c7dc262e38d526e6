using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>
/// Plausible values for one station over time. Air: a regional level that drifts smoothly in time and space (weather)
/// and a station's own slow local departure,
/// with a diurnal shape per pollutant (PM and CO highest at night and in the morning, NO2 at rush hours, O3 in the
/// afternoon), PM10 always above PM2.5; water: slow diurnal DO and temperature, steady nutrients; noise: day and
/// night Leq with L10 &gt; L50 &gt; L90. Values are in the canonical units the stations send (µg/m³, CO mg/m³).
/// Deterministic for a station and a time (in any process), so a resend carries the same values and an evaluation is repeatable.
/// </summary>
internal sealed class StationModel(FleetStation station)
{
    private readonly int _seed = station.Mn.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    public FleetStation Station { get; } = station;

    /// <summary>The factor codes and values for the interval starting at <paramref name="time"/> (Beijing time).</summary>
    public IReadOnlyList<(string Code, decimal Value, int Decimals)> Values(DateTimeOffset time)
    {
        var hour = time.ToOffset(TimeSpan.FromHours(8)).Hour + (time.Minute / 60.0);
        var weather = Weather(time);
        var random = new Draws(Mix(_seed, time.UtcTicks / TimeSpan.TicksPerMinute));
        double Noise(double spread) => 1 + ((random.NextDouble() - 0.5) * spread);
        if (Station.Network.IsAir())
        {
            var pm25 = 45 * weather * Local(time) * (1 + (0.35 * Math.Cos((hour - 2) / 24 * 2 * Math.PI))) * Noise(0.15);
            var o3 = (30 * Noise(0.4)) + (140 * Math.Max(0, Math.Sin((hour - 8) / 14 * Math.PI)) * Noise(0.2) / Math.Sqrt(weather));
            var no2 = 30 * Math.Sqrt(weather) * (1 + (0.4 * Math.Cos((hour - 8) / 12 * 2 * Math.PI))) * Noise(0.2);
            return
            [
                ("a21026", (decimal)Math.Round(8 * Math.Sqrt(weather) * Noise(0.3), 0), 0),
                ("a21004", (decimal)Math.Round(no2, 0), 0),
                ("a21005", (decimal)Math.Round(0.6 * Math.Sqrt(weather) * Noise(0.2), 3), 3),
                ("a05024", (decimal)Math.Round(o3, 0), 0),
                ("a34002", (decimal)Math.Round(pm25 * (1.5 + (0.3 * random.NextDouble())), 0), 0),
                ("a34004", (decimal)Math.Round(pm25, 0), 0),
            ];
        }

        if (Station.Network.IsWater())
        {
            var daily = Math.Sin((hour - 9) / 24 * 2 * Math.PI);
            return
            [
                ("w01010", (decimal)Math.Round(12 + (2 * daily), 1), 1),
                ("w01001", (decimal)Math.Round(7.6 + (0.2 * daily), 2), 2),
                ("w01009", (decimal)Math.Round(8 + (1.2 * daily * Noise(0.1)), 2), 2),
                ("w01019", (decimal)Math.Round(3.5 * Noise(0.1), 2), 2),
                ("w21003", (decimal)Math.Round(0.4 * Noise(0.2), 3), 3),
                ("w21011", (decimal)Math.Round((Station.Network == Network.LakeWater ? 0.04 : 0.12) * Noise(0.2), 3), 3),
            ];
        }

        var day = hour is >= 6 and < 22;
        var zoneOffset = Station.NoiseZone switch { NoiseZone.Class1 => -4, NoiseZone.Class4A => 6, _ => 0 };
        var leq = (day ? 56 : 46) + zoneOffset + ((random.NextDouble() - 0.5) * 4);
        return
        [
            ("Leq", (decimal)Math.Round(leq, 1), 1),
            ("L10", (decimal)Math.Round(leq + 3, 1), 1),
            ("L50", (decimal)Math.Round(leq - 1.5, 1), 1),
            ("L90", (decimal)Math.Round(leq - 5, 1), 1),
        ];
    }

    // A slowly varying factor around 1 (0.4..2.5) that changes smoothly across the province: the weather (stations a
    // few kilometres apart share it; across the province it runs some hours apart).
    private double Weather(DateTimeOffset time)
    {
        var hours = time.ToUnixTimeSeconds() / 3600;
        var phase = (hours / 36.0) + (0.5 * Station.Latitude) + (0.4 * Station.Longitude);
        return Math.Exp((0.6 * Math.Sin(phase)) + (0.3 * Math.Sin((phase * 2.7) + 1)));
    }

    // A seed from the station and the minute, well mixed: nearby seeds must not give alike draws.
    private static ulong Mix(int seed, long minute) => Finalise(unchecked((ulong)minute + ((ulong)(uint)seed << 32) + Golden));

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    // SplitMix64's finaliser (Steele, Lea and Flood 2014).
    private static ulong Finalise(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    // The draws of one station-minute: SplitMix64 from its seed. Plenty for plausible noise, and seeded for free where
    // System.Random fills a table of 56 words first (a frame is drawn for every station every simulated minute).
    private struct Draws(ulong state)
    {
        public double NextDouble()
        {
            state = unchecked(state + Golden);
            return (Finalise(state) >> 11) * (1.0 / (1UL << 53));
        }
    }

    // The station's own slow departure from its city (local sources, siting): about ±25 % over hours to days.
    private double Local(DateTimeOffset time)
    {
        var hours = time.ToUnixTimeSeconds() / 3600.0;
        var phase = (_seed & 0xffff) / 100.0;
        return Math.Exp((0.15 * Math.Sin((hours / 19.0) + phase)) + (0.1 * Math.Sin((hours / 5.3) + (2 * phase))));
    }
}
