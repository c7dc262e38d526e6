using Envmon.Monitoring.Stations;
using Envmon.Server.Ingestion;

namespace Envmon.Server.Stations;

/// <summary>A station as the API shows it: registry data and link state, never the password.</summary>
public sealed record StationView(
    string Mn, string Name, string Network, string? NoiseZone, string CityCode, string? CityName, string? CountyCode, string? CountyName,
    double Lat, double Lon, string? Operator, string Status, bool Online, DateTimeOffset? LastSeen, DateTimeOffset? LastData, string? Remote)
{
    internal static StationView From(Station station, StationLink? link, bool online) => new(
        station.Mn, station.Name, station.Network.Name(), station.NoiseZone?.Name(), station.CityCode, station.CityName, station.CountyCode,
        station.CountyName, station.Latitude, station.Longitude, station.Operator, station.Status.ToString(), online, link?.LastSeen, link?.LastData,
        link?.Remote);
}

/// <summary>A station with the connections it sent frames on (from the raw archive).</summary>
public sealed record StationDetail(StationView Station, Storage.ConnectionSpan[] Connections);
