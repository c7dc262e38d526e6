using System.Collections.Concurrent;
using Envmon.Monitoring.Indicators.Noise;
using Envmon.Monitoring.Indicators.Water;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;

namespace Envmon.Server.Indicators;

/// <summary>The class of one surface-water sample (an hourly upload) of a section.</summary>
public sealed record WaterSample(string Mn, string Name, DateTimeOffset Time, WaterClassResult Result);

/// <summary>The water samples and noise days one <see cref="SectionRollup.Add"/> recomputed; a water day is classed on the means of its samples.</summary>
public sealed record SectionChanges(IReadOnlyList<WaterSample> Samples, IReadOnlyList<WaterSample> Days, IReadOnlyList<NoiseZoneDay> Noise);

/// <summary>A noise station's Beijing day so far: Ld, Ln and compliance with its zone's limits.</summary>
public sealed record NoiseZoneDay(string Mn, string Name, DateOnly Date, NoiseDay Day);

/// <summary>
/// Water class per sample and noise day levels per station, kept as hourly readings are committed (docs/indicators.md):
/// a water station's hourly upload is one sample, classed by GB 3838 against class III (lakes with their own TP
/// limits); a noise station's hourly Leq build its day (06–22 and 22–06, Beijing time). Values are taken once, the
/// first committed, as for the AQI; rebuilt from the store's recent hours at start.
/// </summary>
internal sealed class SectionRollup(StationRegistry stations)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly ConcurrentDictionary<(string Mn, DateTimeOffset Time), Dictionary<string, decimal>> _water = new();
    private readonly ConcurrentDictionary<(string Mn, DateOnly Date), double?[]> _noise = new();
    private readonly ConcurrentDictionary<string, WaterSample> _latestWater = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NoiseZoneDay> _latestNoise = new(StringComparer.Ordinal);

    /// <summary>Takes committed readings (in commit order), recomputes the samples and days they touch, and returns them.</summary>
    public SectionChanges Add(IEnumerable<Reading> readings)
    {
        var water = new HashSet<(string, DateTimeOffset)>();
        var noise = new HashSet<(string, DateOnly)>();
        foreach (var reading in readings)
        {
            if (reading.Kind != DataKind.Hour || reading.Value is not { } value || reading.Flag is not ("N" or "") || stations.Find(reading.Mn) is not { } station)
            {
                continue;
            }

            if (station.Network.IsWater() && WaterQuality.IsKnown(reading.Parameter))
            {
                var sample = _water.GetOrAdd((reading.Mn, reading.Time), _ => new Dictionary<string, decimal>(StringComparer.Ordinal));
                lock (sample)
                {
                    if (sample.TryAdd(reading.Parameter, (decimal)value))
                    {
                        water.Add((reading.Mn, reading.Time));
                    }
                }
            }
            else if (station.Network == Network.Noise && reading.Parameter == "Leq")
            {
                var local = reading.Time.ToOffset(Beijing);
                var day = _noise.GetOrAdd((reading.Mn, DateOnly.FromDateTime(local.DateTime)), _ => new double?[24]);
                lock (day)
                {
                    if (day[local.Hour] is null)
                    {
                        day[local.Hour] = value;
                        noise.Add((reading.Mn, DateOnly.FromDateTime(local.DateTime)));
                    }
                }
            }
        }

        var samples = new List<WaterSample>(water.Count);
        foreach (var (mn, time) in water)
        {
            var station = stations.Find(mn)!;
            var sample = _water[(mn, time)];
            WaterClassResult result;
            lock (sample)
            {
                result = WaterQuality.Classify(sample, station.Network == Network.LakeWater);
            }

            var classed = new WaterSample(mn, station.Name, time, result);
            samples.Add(classed);
            _latestWater.AddOrUpdate(mn, classed, (_, existing) => existing.Time > time ? existing : classed);
        }

        var waterDays = water.Select(w => (w.Item1, Date: DateOnly.FromDateTime(w.Item2.ToOffset(Beijing).DateTime))).Distinct()
            .Select(d => WaterDay(d.Item1, d.Date)).ToList();
        var noiseDays = new List<NoiseZoneDay>(noise.Count);

        foreach (var (mn, date) in noise)
        {
            var station = stations.Find(mn)!;
            if (station.NoiseZone is not { } zone)
            {
                continue;
            }

            var hours = _noise[(mn, date)];
            NoiseDay day;
            lock (hours)
            {
                day = NoiseLevels.Day(hours, zone);
            }

            var zoneDay = new NoiseZoneDay(mn, station.Name, date, day);
            noiseDays.Add(zoneDay);
            _latestNoise.AddOrUpdate(mn, zoneDay, (_, existing) => existing.Date > date ? existing : zoneDay);
        }

        Evict();
        return new SectionChanges(samples, waterDays, noiseDays);
    }

    // A section's day: each item's mean over the day's samples in the window, classed like a sample.
    private WaterSample WaterDay(string mn, DateOnly date)
    {
        var station = stations.Find(mn)!;
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Beijing);
        var items = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        foreach (var (key, sample) in _water.Where(w => w.Key.Mn == mn && w.Key.Time >= start && w.Key.Time < start.AddDays(1)))
        {
            lock (sample)
            {
                foreach (var (item, value) in sample)
                {
                    (items.TryGetValue(item, out var values) ? values : items[item] = []).Add(value);
                }
            }
        }

        var means = items.ToDictionary(i => i.Key, i => i.Value.Sum() / i.Value.Count, StringComparer.Ordinal);
        return new WaterSample(mn, station.Name, start, WaterQuality.Classify(means, station.Network == Network.LakeWater));
    }

    /// <summary>The newest sample of every water section.</summary>
    public IEnumerable<WaterSample> Water() => _latestWater.Values.OrderBy(w => w.Mn, StringComparer.Ordinal);

    /// <summary>The newest day of every noise station.</summary>
    public IEnumerable<NoiseZoneDay> Noise() => _latestNoise.Values.OrderBy(n => n.Mn, StringComparer.Ordinal);

    // Keeps the rollup window (AirRollup.Window) of samples and days.
    private void Evict()
    {
        var oldest = DateTimeOffset.UtcNow - AirRollup.Window;
        foreach (var key in _water.Keys.Where(k => k.Time < oldest))
        {
            _water.TryRemove(key, out _);
        }

        var oldestDay = DateOnly.FromDateTime(oldest.ToOffset(Beijing).DateTime);
        foreach (var key in _noise.Keys.Where(k => k.Date < oldestDay))
        {
            _noise.TryRemove(key, out _);
        }
    }
}
