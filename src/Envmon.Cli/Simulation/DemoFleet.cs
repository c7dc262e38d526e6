using System.Globalization;
using System.Reflection;
using System.Text;
using CsvHelper;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>
/// The demo's stations, on Henan's real geography: the 108 active national-control air stations of CNEMC's list
/// (names and coordinates as published), a township air station in each of the province's counties and districts,
/// and per city three noise stations (zones 1, 2, 4a) and two surface-water stations. Township, noise and water
/// stations are placed near their city's national stations (the list has no county coordinates). One station in
/// ten speaks 2005. Passwords are six digits derived from the MN, for the demo only.
/// </summary>
internal static class DemoFleet
{
    public static IReadOnlyList<FleetStation> Create(int? count = null)
    {
        var random = new Random(410000);
        var air = ReadResource("cnemc_air_stations_henan.csv")
            .Where(r => r["status_from_name"] == "active" && r["prefecture_adcode"].Length == 6)
            .ToList();
        var divisions = ReadResource("henan_admin_divisions.csv").Where(r => r["status"] == "current").ToList();
        var cityNames = divisions.Where(d => d["level"] == "prefecture").ToDictionary(d => d["code"], d => d["name"], StringComparer.Ordinal);
        var fleet = new List<FleetStation>();
        foreach (var row in air)
        {
            var city = row["prefecture_adcode"];
            fleet.Add(Station("AIR" + row["station_code"], row["station_name"], Network.NationalAir, null, city, cityNames.GetValueOrDefault(city, city),
                null, null, Coordinate(row["latitude"]), Coordinate(row["longitude"])));
        }

        var centres = fleet.GroupBy(s => s.CityCode).ToDictionary(g => g.Key, g => (Lat: g.Average(s => s.Latitude), Lon: g.Average(s => s.Longitude)));
        (double, double) Near(string city, double spread)
        {
            var (lat, lon) = centres.TryGetValue(city, out var centre) ? centre : (33.9, 113.5);
            return (lat + ((random.NextDouble() - 0.5) * spread), lon + ((random.NextDouble() - 0.5) * spread));
        }

        var counties = divisions.Where(d => d["level"] == "county" && centres.ContainsKey(d["parent_code"])).ToList();
        foreach (var county in counties)
        {
            var (lat, lon) = Near(county["parent_code"], 0.6);
            fleet.Add(Station("TWN" + county["code"], county["name"] + "乡镇站", Network.TownshipAir, null, county["parent_code"], county["parent_name"],
                county["code"], county["name"], lat, lon));
        }

        foreach (var (city, name) in cityNames.Where(c => centres.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var (zone, label) in new[] { (NoiseZone.Class1, "1类区"), (NoiseZone.Class2, "2类区"), (NoiseZone.Class4A, "4a类区") })
            {
                var (lat, lon) = Near(city, 0.15);
                fleet.Add(Station($"NSE{city}{zone.Name()}", $"{name}{label}声环境站", Network.Noise, zone, city, name, null, null, lat, lon));
            }

            var (riverLat, riverLon) = Near(city, 0.5);
            fleet.Add(Station($"WTR{city}R", $"{name}河流断面", Network.RiverWater, null, city, name, null, null, riverLat, riverLon));
            var (lakeLat, lakeLon) = Near(city, 0.5);
            fleet.Add(Station($"WTR{city}L", $"{name}水库", Network.LakeWater, null, city, name, null, null, lakeLat, lakeLon));
        }

        for (var extra = 0; count is { } n && fleet.Count < n; extra++)
        {
            var county = counties[extra % counties.Count];
            var (lat, lon) = Near(county["parent_code"], 0.6);
            fleet.Add(Station($"TWN{county["code"]}{(extra / counties.Count) + 1:D3}", $"{county["name"]}乡镇站{(extra / counties.Count) + 2}",
                Network.TownshipAir, null, county["parent_code"], county["parent_name"], county["code"], county["name"], lat, lon));
        }

        return count is { } limit ? fleet.Take(limit).ToList() : fleet;
    }

    /// <summary>The fleet as a station CSV for <c>envmon stations import</c>, clear passwords included.</summary>
    public static string ToCsv(IEnumerable<FleetStation> fleet)
    {
        var csv = new StringWriter();
        using (var writer = CsvWriter.Create(csv, new CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var name in new[] { "mn", "password", "name", "network", "noise_zone", "city_code", "city_name", "county_code", "county_name", "lat", "lon",
                "hj212_version", "minute_interval_s", "operator" })
            {
                writer.WriteField(name);
            }

            writer.EndRecord();
            foreach (var s in fleet)
            {
                foreach (var value in new[] { s.Mn, s.Password, s.Name, s.Network.Name(), s.NoiseZone?.Name() ?? "", s.CityCode, s.CityName, s.CountyCode ?? "",
                    s.CountyName ?? "", s.Latitude.ToString("F5", CultureInfo.InvariantCulture), s.Longitude.ToString("F5", CultureInfo.InvariantCulture),
                    s.Version, s.SendsMinutes ? "60" : "0", "演示运维公司" })
                {
                    writer.WriteField(value);
                }

                writer.EndRecord();
            }
        }

        return csv.ToString();
    }

    private static FleetStation Station(string mn, string name, Network network, NoiseZone? zone, string city, string cityName, string? county,
        string? countyName, double lat, double lon)
    {
        var hash = Fnv(mn);
        return new FleetStation(mn, (hash % 1_000_000).ToString("D6", CultureInfo.InvariantCulture), name, network, zone, city, cityName, county,
            countyName, lat, lon, hash % 10 == 3 ? "2005" : "2017");
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    private static double Coordinate(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', DetectSeparatorHint = false }, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        reader.ReadHeader();
        var header = reader.Headers;
        while (reader.Read())
        {
            rows.Add(header.Select((h, i) => (h, reader.GetString(i))).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal));
        }

        return rows;
    }
}
