using Envmon.Monitoring.Readings;
using Envmon.Storage.Readings;

namespace Envmon.Server.Readings;

/// <summary>A stored reading as the API shows it (time in Beijing time, the interval's start).</summary>
public sealed record ReadingView(string Mn, string Parameter, string Kind, DateTimeOffset Time, double? Value, string Flag, bool Revised)
{
    public static ReadingView Of(StoredReading stored)
    {
        var r = stored.Reading;
        return new(r.Mn, r.Parameter, r.Kind.Name(), r.Time.ToOffset(TimeSpan.FromHours(8)), r.Value, r.Flag, stored.Revised);
    }
}
