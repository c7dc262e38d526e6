using CsvHelper;
using Envmon.Monitoring.Stations;

namespace Envmon.Storage.Stations;

/// <summary>
/// Reads and writes the station CSV (UTF-8, header row, RFC 4180 quoting). Import is all or nothing: every row is
/// checked, and if any row has a problem, <see cref="Read"/> returns no stations and a report naming each bad row.
/// </summary>
public static class StationCsv
{
    /// <summary>A problem with one row of an import; <see cref="Line"/> counts the header as line 1.</summary>
    public sealed record RowError(int Line, string? Mn, string Message);

    /// <summary>What an import found: the stations when every row is good, else only the errors.</summary>
    public sealed record ImportResult(IReadOnlyList<Station> Stations, IReadOnlyList<RowError> Errors)
    {
        /// <summary>Whether every row was good.</summary>
        public bool Success => Errors.Count == 0;
    }

    /// <summary>Reads every row of <paramref name="csv"/>.</summary>
    public static ImportResult Read(TextReader csv, int passwordIterations = StationPassword.DefaultIterations)
    {
        var options = new CsvReaderOptions { Separator = ',', DetectSeparatorHint = false, TrimWhitespace = true, TrackLineNumbers = true };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        var errors = new List<RowError>();
        var stations = new List<Station>();
        reader.ReadHeader();
        if (reader.Headers.Count == 0)
        {
            return new ImportResult([], [new RowError(1, null, "the file has no header row")]);
        }

        var names = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = StationFields.Required.Where(r => !names.Contains(r) && !(r == "password" && names.Contains("password_hash"))).ToList();
        if (missing.Count > 0)
        {
            return new ImportResult([], [new RowError(1, null, $"the header lacks the column(s) {string.Join(", ", missing)}")]);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var line = checked((int)reader.LineNumber);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                fields[names[i]] = i < reader.FieldCount ? reader.GetString(i) : "";
            }

            if (reader.FieldCount != names.Length)
            {
                errors.Add(new RowError(line, NullIfEmpty(fields.GetValueOrDefault("mn")), $"the row has {reader.FieldCount} fields, the header {names.Length}"));
                continue;
            }

            var rowErrors = new List<string>();
            var station = StationFields.TryRead(fields, rowErrors, passwordIterations);
            if (station is not null && seen.TryGetValue(station.Mn, out var first))
            {
                rowErrors.Add($"mn {station.Mn} is also on line {first}");
            }

            if (rowErrors.Count > 0 || station is null)
            {
                errors.Add(new RowError(line, NullIfEmpty(fields.GetValueOrDefault("mn")), string.Join("; ", rowErrors)));
                continue;
            }

            seen[station.Mn] = line;
            stations.Add(station);
        }

        return errors.Count > 0 ? new ImportResult([], errors) : new ImportResult(stations, []);
    }

    /// <summary>Writes <paramref name="stations"/> with every exported column.</summary>
    public static void Write(TextWriter csv, IEnumerable<Station> stations)
    {
        using var writer = CsvWriter.Create(csv, new CsvWriterOptions(), leaveOpen: true);
        foreach (var name in StationFields.Exported)
        {
            writer.WriteField(name);
        }

        writer.EndRecord();
        foreach (var station in stations)
        {
            var fields = StationFields.ToFields(station);
            foreach (var name in StationFields.Exported)
            {
                writer.WriteField(fields[name]);
            }

            writer.EndRecord();
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
