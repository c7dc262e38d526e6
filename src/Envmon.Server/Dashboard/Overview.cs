using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Indicators;
using Envmon.Server.Ingestion;
using Envmon.Server.Stations;

namespace Envmon.Server.Dashboard;

/// <summary>
/// A station on the map (一张图): where it is, whether it is online, and its newest figure: the hourly AQI with its
/// category level (1 优 … 6 严重污染) for air, the class of the newest sample for water, the newest day's compliance
/// for noise. <c>Link</c> is online, offline (connected before, silent past its cadence) or never (not yet connected).
/// </summary>
public sealed record MapPoint(
    string Mn, string Name, string Network, string CityCode, string? CityName, double Lat, double Lon, string Lifecycle, string Link,
    DateTimeOffset? LastData, DateTimeOffset? Hour, int? Aqi, int? Level, string? Primary, int? WaterClass, bool? NoiseCompliant);

/// <summary>The map's points, built from the registry, the connection table and the rollups (all in memory).</summary>
internal sealed class Overview(StationRegistry stations, ConnectionTable links, AirRollup air, SectionRollup sections)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    /// <summary>The points of the stations <paramref name="actor"/> may see, by MN.</summary>
    public IEnumerable<MapPoint> Points(Actor actor)
    {
        var aqi = air.StationsLatest().ToDictionary(a => a.Code, StringComparer.Ordinal);
        var water = sections.Water().ToDictionary(w => w.Mn, StringComparer.Ordinal);
        var noise = sections.Noise().ToDictionary(n => n.Mn, StringComparer.Ordinal);
        return stations.Visible(actor).OrderBy(s => s.Mn, StringComparer.Ordinal).Select(s =>
        {
            var link = links.Find(s.Mn);
            var state = link is null ? "never" : links.IsOnline(link, s) ? "online" : "offline";
            var a = aqi.GetValueOrDefault(s.Mn);
            return new MapPoint(s.Mn, s.Name, s.Network.Name(), s.CityCode, s.CityName, s.Latitude, s.Longitude, s.Status.ToString(), state,
                link?.LastData?.ToOffset(Beijing), a?.Hour.ToOffset(Beijing), a?.Report.Aqi, a?.Report.Category?.LevelNumber,
                a is null || a.Report.Primary.Count == 0 ? null : string.Join(',', a.Report.Primary), water.GetValueOrDefault(s.Mn)?.Result.Class,
                noise.GetValueOrDefault(s.Mn)?.Day.Compliant);
        });
    }
}
