using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>A simulated station: what the registry needs of it and how its logger behaves.</summary>
internal sealed record FleetStation(
    string Mn, string Password, string Name, Network Network, NoiseZone? NoiseZone, string CityCode, string CityName,
    string? CountyCode, string? CountyName, double Latitude, double Longitude, string Version)
{
    /// <summary>Whether it sends minute data (water stations send hourly only).</summary>
    public bool SendsMinutes => !Network.IsWater();
}
