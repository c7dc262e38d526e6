using Envmon.Monitoring.Stations;

namespace Envmon.Benchmarks;

/// <summary>National air stations spread at random over Henan's extent (31.4–36.4° N, 110.4–116.4° E), 17 cities, for the QC and detection benchmarks.</summary>
internal static class SyntheticStations
{
    public static List<Station> Create(int count, string prefix, Random random)
    {
        var password = StationPassword.Create("x", iterations: 1);
        return [.. Enumerable.Range(0, count).Select(i => new Station
        {
            Mn = $"{prefix}{i:D5}",
            Password = password,
            Name = $"站{i}",
            Network = Network.NationalAir,
            CityCode = $"41{(i % 17) + 1:D2}00",
            Latitude = 31.4 + (random.NextDouble() * 5),
            Longitude = 110.4 + (random.NextDouble() * 6),
        })];
    }
}
