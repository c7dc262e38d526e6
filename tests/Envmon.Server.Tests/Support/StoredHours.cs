using Envmon.Monitoring.Readings;
using Envmon.Storage;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;

namespace Envmon.Server.Tests.Support;

/// <summary>Hourly readings written straight into a server's store, each with its own receipt time (for latency) and flag.</summary>
public static class StoredHours
{
    public static readonly string[] Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];

    /// <summary>
    /// Stores <paramref name="hours"/> hours of the six pollutants of <paramref name="mn"/> from <paramref name="start"/>:
    /// <paramref name="value"/> gives each value (null: not sent), <paramref name="latency"/> how long after the hour's end its frame arrived, <paramref name="flag"/> its flag.
    /// </summary>
    public static void Write(EnvmonStore store, string mn, DateTimeOffset start, int hours, Func<int, string, double?> value, Func<int, TimeSpan>? latency = null,
        Func<int, string>? flag = null)
    {
        var batch = new IngestBatch();
        for (var h = 0; h < hours; h++)
        {
            var time = start.AddHours(h);
            var readings = Pollutants.Select(p => (Parameter: p, Value: value(h, p))).Where(x => x.Value is not null)
                .Select(x => new Reading(mn, x.Parameter, DataKind.Hour, time, x.Value, null, null, flag?.Invoke(h) ?? "N")).ToList();
            if (readings.Count > 0)
            {
                batch.Add(new ArchivedFrame(time.AddHours(1) + (latency?.Invoke(h) ?? TimeSpan.FromMinutes(10)), "127.0.0.1:1", "test", mn, "2061", "ok", [(byte)h]), readings);
            }
        }

        store.Commit(batch);
    }
}
