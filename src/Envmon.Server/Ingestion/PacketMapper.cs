using Envmon.Hj212.Codes;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Parameters;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Server.Ingestion;

/// <summary>
/// Turns a data upload into readings: the one place that knows both the protocol and the domain. The command says
/// the kind (2011 real-time, 2051 minute, 2061 hour, 2031 day); each factor's value is <c>-Rtd</c> for real-time and
/// <c>-Avg</c> (noise: <c>-Data</c>) for statistics, with <c>-Min</c>, <c>-Max</c> and <c>-Flag</c> beside it. Factor
/// codes map through the station's profile, else the catalogue, and values are converted to canonical units.
/// </summary>
internal static class PacketMapper
{
    /// <summary>The kind of data a command carries, or null when it carries no readings.</summary>
    public static DataKind? KindOf(string cn) => cn switch
    {
        Hj212Commands.RealTimeData => DataKind.RealTime,
        Hj212Commands.MinuteData => DataKind.Minute,
        Hj212Commands.HourData => DataKind.Hour,
        Hj212Commands.DayData => DataKind.Day,
        _ => null,
    };

    /// <summary>The readings of <paramref name="packet"/>, and what was left out and why.</summary>
    public static (List<Reading> Readings, string? Dropped) Map(Hj212Packet packet, Station station, DataKind kind, DateTimeOffset latestAllowed)
    {
        var readings = new List<Reading>();
        if (packet.DataTime is not { } time)
        {
            return (readings, "no valid DataTime");
        }

        if (time > latestAllowed)
        {
            return (readings, $"DataTime {time:O} is in the future");
        }

        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var factor in packet.Fields.Where(f => f.Suffix is not null).GroupBy(f => f.Code, StringComparer.Ordinal))
        {
            if (Resolve(station, factor.Key) is not { } target)
            {
                unknown.Add(factor.Key);
                continue;
            }

            Hj212Field? Find(params string[] suffixes)
                => factor.Where(f => suffixes.Contains(f.Suffix, StringComparer.OrdinalIgnoreCase)).Select(f => (Hj212Field?)f).FirstOrDefault();
            double? Value(params string[] suffixes) => Find(suffixes)?.Number is { } number ? (double)(number * target.Factor) : null;

            var flag = Find("Flag")?.Value;
            var value = kind == DataKind.RealTime ? Value("Rtd") : Value("Avg", "Data");
            if (value is null && flag is null)
            {
                continue;
            }

            readings.Add(new Reading(station.Mn, target.Parameter.Code, kind, time, value, Value("Min"), Value("Max"),
                string.IsNullOrEmpty(flag) ? "N" : flag));
        }

        return (readings, unknown.Count > 0 ? $"unknown factor codes {string.Join(' ', unknown)}" : null);
    }

    private static (Parameter Parameter, decimal Factor)? Resolve(Station station, string code)
    {
        var mapping = station.Profile.Factors.FirstOrDefault(m => string.Equals(m.FactorCode, code, StringComparison.OrdinalIgnoreCase));
        var parameter = mapping is null ? ParameterCatalogue.ForFactor(code) : ParameterCatalogue.Find(mapping.Parameter);
        if (parameter is null)
        {
            return null;
        }

        var unit = mapping?.Unit ?? ParameterCatalogue.DefaultStationUnit(parameter);
        return UnitConversion.Factor(unit, parameter) is { } factor ? (parameter, factor) : null;
    }
}
