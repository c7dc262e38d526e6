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
        if (packet.DataTime is not { } time)
        {
            return ([], "no valid DataTime");
        }

        if (time > latestAllowed)
        {
            return ([], $"DataTime {time:O} is in the future");
        }

        // One reading per factor code, in the order the codes first appear; the fields of a factor are usually
        // adjacent but need not be. For each suffix the first field that has it counts.
        var fields = packet.Fields;
        var readings = new List<Reading>(fields.Count / 3 + 1);
        Span<bool> taken = fields.Count <= 512 ? stackalloc bool[fields.Count] : new bool[fields.Count];
        SortedSet<string>? unknown = null;
        for (var i = 0; i < fields.Count; i++)
        {
            if (taken[i] || fields[i].Suffix is null)
            {
                continue;
            }

            var code = fields[i].Code;
            var factor = new Factor();
            for (var j = i; j < fields.Count; j++)
            {
                if (!taken[j] && fields[j].Suffix is { } suffix && string.Equals(fields[j].Code, code, StringComparison.Ordinal))
                {
                    taken[j] = true;
                    factor.Take(fields[j], suffix, kind);
                }
            }

            if (Resolve(station, code) is not { } target)
            {
                (unknown ??= new SortedSet<string>(StringComparer.Ordinal)).Add(code);
                continue;
            }

            var flag = factor.Flag?.Value;
            var value = Scaled(factor.Value, target.Factor);
            if (value is null && flag is null)
            {
                continue;
            }

            readings.Add(new Reading(station.Mn, target.Parameter.Code, kind, time, value, Scaled(factor.Min, target.Factor), Scaled(factor.Max, target.Factor),
                string.IsNullOrEmpty(flag) ? "N" : flag));
        }

        return (readings, unknown is not null ? $"unknown factor codes {string.Join(' ', unknown)}" : null);
    }

    private static double? Scaled(Hj212Field? field, decimal factor) => field?.Number is { } number ? (double)(number * factor) : null;

    private static (Parameter Parameter, decimal Factor)? Resolve(Station station, string code)
    {
        FactorMapping? mapping = null;
        foreach (var candidate in station.Profile.Factors)
        {
            if (string.Equals(candidate.FactorCode, code, StringComparison.OrdinalIgnoreCase))
            {
                mapping = candidate;
                break;
            }
        }

        var parameter = mapping is null ? ParameterCatalogue.ForFactor(code) : ParameterCatalogue.Find(mapping.Parameter);
        if (parameter is null)
        {
            return null;
        }

        var unit = mapping?.Unit ?? ParameterCatalogue.DefaultStationUnit(parameter);
        return UnitConversion.Factor(unit, parameter) is { } factor ? (parameter, factor) : null;
    }

    // The fields of one factor that make its reading: the value (-Rtd for real-time data, -Avg or, for noise, -Data
    // otherwise), -Min, -Max and -Flag; the first of each.
    private struct Factor
    {
        public Hj212Field? Value;
        public Hj212Field? Min;
        public Hj212Field? Max;
        public Hj212Field? Flag;

        public void Take(Hj212Field field, string suffix, DataKind kind)
        {
            if (kind == DataKind.RealTime ? Is(suffix, "Rtd") : Is(suffix, "Avg") || Is(suffix, "Data"))
            {
                Value ??= field;
            }
            else if (Is(suffix, "Min"))
            {
                Min ??= field;
            }
            else if (Is(suffix, "Max"))
            {
                Max ??= field;
            }
            else if (Is(suffix, "Flag"))
            {
                Flag ??= field;
            }
        }

        private static bool Is(string suffix, string name) => string.Equals(suffix, name, StringComparison.OrdinalIgnoreCase);
    }
}
