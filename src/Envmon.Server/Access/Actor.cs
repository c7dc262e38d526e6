using Envmon.Monitoring.Stations;

namespace Envmon.Server.Access;

/// <summary>
/// Who acts: a user with a role and, for a city reviewer, its city (6-digit division code), for an operator, its O&amp;M
/// company (the stations whose <see cref="Station.Operator"/> it is). The scope is enforced on the server for every request.
/// </summary>
public sealed record Actor(string Name, Role Role, string? City = null, string? Operator = null)
{
    /// <summary>The server's own actions (QC runs, detections) in the audit log.</summary>
    public static readonly Actor System = new("system", Role.ProvinceAdmin);

    /// <summary>The holder of the data directory's local token (<c>server.json</c>): the command line beside the server.</summary>
    public static readonly Actor Local = new("local", Role.ProvinceAdmin);

    /// <summary>Whether the actor may see and act on <paramref name="station"/>.</summary>
    public bool Sees(Station station) => Role switch
    {
        Role.CityReviewer => string.Equals(station.CityCode, City, StringComparison.Ordinal),
        Role.Operator => string.Equals(station.Operator, Operator, StringComparison.Ordinal),
        _ => true,
    };

    /// <summary>What decides the stations the actor sees: actors with equal keys see the same stations.</summary>
    public string ScopeKey => Role switch
    {
        Role.CityReviewer => "city:" + City,
        Role.Operator => "operator:" + Operator,
        _ => "all",
    };

    /// <summary>Whether the actor sees every station (province roles and inspectors).</summary>
    public bool SeesAll => Role is not (Role.CityReviewer or Role.Operator);
}
