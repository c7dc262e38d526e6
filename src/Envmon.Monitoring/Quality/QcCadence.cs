using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>How often a series has a value: thresholds are configured per cadence, not only per parameter.</summary>
public enum QcCadence
{
    /// <summary>Minute and real-time data.</summary>
    Minute,

    /// <summary>Hourly data.</summary>
    Hour,

    /// <summary>Hourly uploads of a water station that samples every 4 hours (HJ 915: 6 results a day).</summary>
    FourHour,

    /// <summary>Daily data.</summary>
    Day,
}

/// <summary>Names of <see cref="QcCadence"/> and the cadence of a station's series.</summary>
public static class QcCadences
{
    /// <summary>The name the configuration uses: <c>minute</c>, <c>hour</c>, <c>four-hour</c>, <c>day</c>.</summary>
    public static string Name(this QcCadence cadence) => cadence switch
    {
        QcCadence.Minute => "minute",
        QcCadence.Hour => "hour",
        QcCadence.FourHour => "four-hour",
        QcCadence.Day => "day",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, null),
    };

    /// <summary>Reads a name written by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out QcCadence cadence) => EnumNames.TryParse(text, c => c.Name(), out cadence);

    /// <summary>The cadence of <paramref name="kind"/> data from a station of <paramref name="network"/>.</summary>
    public static QcCadence Of(DataKind kind, Network network) => kind switch
    {
        DataKind.RealTime or DataKind.Minute => QcCadence.Minute,
        DataKind.Hour => network.IsWater() ? QcCadence.FourHour : QcCadence.Hour,
        DataKind.Day => QcCadence.Day,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The step between two values of a series of <paramref name="cadence"/> at a station with <paramref name="profile"/>.</summary>
    public static TimeSpan Step(this QcCadence cadence, ProtocolProfile profile) => cadence switch
    {
        QcCadence.Minute => profile.MinuteInterval ?? profile.RealTimeInterval ?? TimeSpan.FromMinutes(1),
        QcCadence.Hour => TimeSpan.FromHours(1),
        QcCadence.FourHour => TimeSpan.FromHours(4),
        QcCadence.Day => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, null),
    };
}
