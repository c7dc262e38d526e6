using System.Globalization;
using CsvHelper;
using Envmon.Monitoring.Readings;

namespace Envmon.Storage.Readings;

/// <summary>
/// The readings CSV of <c>envmon readings export</c> and <c>GET /api/v1/readings/export</c>:
/// <c>mn,parameter,kind,time,value,flag,revised</c>, times ISO 8601 in Beijing time (+08:00).
/// </summary>
public static class ReadingCsv
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Writes the header and <paramref name="readings"/>; returns how many rows it wrote.</summary>
    public static long Write(TextWriter csv, IEnumerable<StoredReading> readings)
    {
        using var writer = CsvWriter.Create(csv, new CsvWriterOptions(), leaveOpen: true);
        foreach (var name in new[] { "mn", "parameter", "kind", "time", "value", "flag", "revised" })
        {
            writer.WriteField(name);
        }

        writer.EndRecord();
        long rows = 0;
        foreach (var stored in readings)
        {
            var reading = stored.Reading;
            writer.WriteField(reading.Mn);
            writer.WriteField(reading.Parameter);
            writer.WriteField(reading.Kind.Name());
            writer.WriteField(reading.Time.ToOffset(Beijing).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            writer.WriteField(reading.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            writer.WriteField(reading.Flag);
            writer.WriteField(stored.Revised ? "true" : "false");
            writer.EndRecord();
            rows++;
        }

        return rows;
    }
}
