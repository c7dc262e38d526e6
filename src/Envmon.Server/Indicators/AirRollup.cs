using System.Collections.Concurrent;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;

namespace Envmon.Server.Indicators;

/// <summary>The real-time AQI of one station or city for one hour.</summary>
/// <param name="Code">The station's MN or the city's division code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Report">The AQI with its sub-indices.</param>
/// <param name="Concentrations">The concentrations it was computed from (a city's: the station means, rounded as the rules say).</param>
/// <param name="Hour">The start of the hour (the hour 15:00–16:00 is published as 16时).</param>
/// <param name="Stations">For a city, how many stations gave each pollutant; empty for a station.</param>
public sealed record HourlyAqi(string Code, string Name, DateTimeOffset Hour, AqiReport Report, IReadOnlyDictionary<string, decimal> Concentrations,
    IReadOnlyDictionary<string, int> Stations);

/// <summary>The station and city hours one <see cref="AirRollup.Add"/> recomputed.</summary>
public sealed record HourlyChanges(IReadOnlyList<HourlyAqi> Stations, IReadOnlyList<HourlyAqi> Cities);

/// <summary>
/// Hourly AQI per station and per city, kept up to date as hourly readings are committed (docs/indicators.md):
/// a station's hour comes from its own hourly upload, or from its minutes when its profile says it sends no hourly
/// data; a city's hour averages the concentrations of its national-control
/// air stations, then computes the index. A value is taken once, the first committed, as in the store, so late,
/// recalled or resent data give the same result whatever the order. The look-back window is rebuilt from the store at
/// start.
/// </summary>
internal sealed class AirRollup(StationRegistry stations, TimeProvider time)
{
    /// <summary>The parameters of the real-time AQI, in the catalogue's codes.</summary>
    public static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];

    /// <summary>How far back hours are kept in memory.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    private readonly ConcurrentDictionary<(string Mn, DateTimeOffset Hour), decimal?[]> _hours = new();
    private readonly ConcurrentDictionary<(string Mn, DateTimeOffset Hour), HourlyAqi> _station = new();
    private readonly ConcurrentDictionary<(string City, DateTimeOffset Hour), HourlyAqi> _city = new();
    private readonly ConcurrentDictionary<(string Mn, DateTimeOffset Hour), MinuteHour> _minutes = new();
    private DateTimeOffset _evicted = DateTimeOffset.MinValue;
    private (int Version, Dictionary<string, List<string>> Members) _cities = (-1, []);

    /// <summary>Takes committed readings (in commit order); recomputes every station and city hour they touch, and returns them.</summary>
    public HourlyChanges Add(IEnumerable<Reading> readings)
    {
        var oldest = time.GetUtcNow() - Window;
        var touched = new HashSet<(string Mn, DateTimeOffset Hour)>();
        foreach (var reading in readings)
        {
            var index = Array.IndexOf(Pollutants, reading.Parameter);
            if (index < 0 || reading.Value is not { } value || reading.Time < oldest || !Valid(reading.Flag))
            {
                continue;
            }

            if (reading.Kind == DataKind.Minute)
            {
                AddMinute(reading, index, (decimal)value, touched);
                continue;
            }

            if (reading.Kind != DataKind.Hour)
            {
                continue;
            }

            var hour = _hours.GetOrAdd((reading.Mn, reading.Time), _ => new decimal?[Pollutants.Length]);
            lock (hour)
            {
                if (hour[index] is null)
                {
                    hour[index] = (decimal)value;
                    touched.Add((reading.Mn, reading.Time));
                }
            }
        }

        var cities = new HashSet<(Station City, DateTimeOffset Hour)>();
        var changedStations = new List<HourlyAqi>(touched.Count);
        var changedCities = new List<HourlyAqi>();
        foreach (var (mn, hour) in touched)
        {
            if (stations.Find(mn) is not { } station)
            {
                continue;
            }

            var aqi = _station[(mn, hour)] = Compute(mn, station.Name, hour, [mn], city: false);
            changedStations.Add(aqi);
            if (station.Network == Network.NationalAir)
            {
                cities.Add((station, hour));
            }
        }

        if (cities.Count > 0)
        {
            var members = CityMembers();
            foreach (var (station, hour) in cities.DistinctBy(c => (c.City.CityCode, c.Hour)))
            {
                var aqi = _city[(station.CityCode, hour)] = Compute(station.CityCode, station.CityName ?? station.CityCode, hour, members[station.CityCode], city: true);
                changedCities.Add(aqi);
            }
        }

        if (time.GetUtcNow() - _evicted > TimeSpan.FromMinutes(1))
        {
            _evicted = time.GetUtcNow();
            Evict(oldest);
        }

        return new HourlyChanges(changedStations, changedCities);
    }

    // A station that sends no hourly data gets its hours from its minutes: the mean of the hour's valid minute values
    // once they cover 45 minutes (GB 3095 表4), each minute taken once. The hour then changes as minutes arrive, to
    // the same result in any order.
    private void AddMinute(Reading reading, int index, decimal value, HashSet<(string, DateTimeOffset)> touched)
    {
        if (stations.Find(reading.Mn) is not { Profile: { SendsHourly: false, MinuteInterval: { } interval } })
        {
            return;
        }

        var start = new DateTimeOffset(reading.Time.UtcTicks - (reading.Time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var minutes = _minutes.GetOrAdd((reading.Mn, start), _ => new MinuteHour());
        decimal? mean;
        lock (minutes)
        {
            if (!minutes.Add(index, reading.Time.Minute, value))
            {
                return;
            }

            mean = minutes.Count[index] * interval.TotalMinutes >= 45 ? minutes.Sum[index] / minutes.Count[index] : null;
        }

        var hour = _hours.GetOrAdd((reading.Mn, start), _ => new decimal?[Pollutants.Length]);
        lock (hour)
        {
            hour[index] = mean;
        }

        touched.Add((reading.Mn, start));
    }

    /// <summary>The newest hour of every station.</summary>
    public IEnumerable<HourlyAqi> StationsLatest() => Latest(_station.Values);

    /// <summary>The newest hour of every city.</summary>
    public IEnumerable<HourlyAqi> CitiesLatest() => Latest(_city.Values);

    /// <summary>Every station at <paramref name="hour"/>.</summary>
    public IEnumerable<HourlyAqi> StationsAt(DateTimeOffset hour) => _station.Values.Where(a => a.Hour == hour).OrderBy(a => a.Code, StringComparer.Ordinal);

    /// <summary>Every city at <paramref name="hour"/>.</summary>
    public IEnumerable<HourlyAqi> CitiesAt(DateTimeOffset hour) => _city.Values.Where(a => a.Hour == hour).OrderBy(a => a.Code, StringComparer.Ordinal);

    // The station's flag N (or none) is valid data; F, M, S, D, C, T, B and the rest are not averaged (quality.md).
    private static bool Valid(string flag) => flag is "N" or "";

    private static IEnumerable<HourlyAqi> Latest(IEnumerable<HourlyAqi> all)
        => all.GroupBy(a => a.Code, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.Hour)!).OrderBy(a => a.Code, StringComparer.Ordinal);

    // Each city's national-control stations, found again only when the registry changed.
    private Dictionary<string, List<string>> CityMembers()
    {
        var (version, members) = _cities;
        if (version != stations.Version)
        {
            version = stations.Version;
            members = stations.All.Where(s => s.Network == Network.NationalAir)
                .GroupBy(s => s.CityCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Mn).ToList(), StringComparer.Ordinal);
            _cities = (version, members);
        }

        return members;
    }

    // The members' concentrations (a station: its own) averaged as for a city, then the real-time AQI under the rules of the hour's date.
    private HourlyAqi Compute(string code, string name, DateTimeOffset hour, List<string> members, bool city)
    {
        var rules = AirRuleSets.ForDate(DateOnly.FromDateTime(hour.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var concentrations = new List<HourlyConcentrations>(members.Count);
        foreach (var mn in members)
        {
            if (_hours.TryGetValue((mn, hour), out var values))
            {
                concentrations.Add(new HourlyConcentrations(Value(values, 0), Value(values, 1), Value(values, 2), Value(values, 3), Value(values, 4), Value(values, 5)));
            }
        }

        var (mean, counts) = AirQualityIndex.CityHour(concentrations, rules);
        var used = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (pollutant, value) in Pollutants.Zip([mean.So2, mean.No2, mean.Co, mean.O3, mean.Pm10, mean.Pm25]))
        {
            if (value is { } v)
            {
                used[pollutant] = v;
            }
        }

        return new HourlyAqi(code, name, hour, AirQualityIndex.Hourly(mean, rules), used, city ? counts : new Dictionary<string, int>());
    }

    private static decimal? Value(decimal?[] values, int index)
    {
        lock (values)
        {
            return values[index];
        }
    }

    private void Evict(DateTimeOffset oldest)
    {
        foreach (var key in _hours.Keys.Where(k => k.Hour < oldest))
        {
            _hours.TryRemove(key, out _);
            _station.TryRemove(key, out _);
        }

        foreach (var key in _city.Keys.Where(k => k.Hour < oldest))
        {
            _city.TryRemove(key, out _);
        }

        foreach (var key in _minutes.Keys.Where(k => k.Hour < oldest))
        {
            _minutes.TryRemove(key, out _);
        }
    }

    // The minutes of one hour seen so far, per pollutant: which (one bit each), their sum and count.
    private sealed class MinuteHour
    {
        private readonly ulong[] _seen = new ulong[Pollutants.Length];

        public decimal[] Sum { get; } = new decimal[Pollutants.Length];

        public int[] Count { get; } = new int[Pollutants.Length];

        public bool Add(int pollutant, int minute, decimal value)
        {
            var bit = 1UL << minute;
            if ((_seen[pollutant] & bit) != 0)
            {
                return false;
            }

            _seen[pollutant] |= bit;
            Sum[pollutant] += value;
            Count[pollutant]++;
            return true;
        }
    }
}
