using System.CommandLine;
using System.Globalization;
using Envmon.Monitoring.Readings;
using Envmon.Storage.Readings;

namespace Envmon.Cli.Readings;

/// <summary><c>envmon readings export</c>: readings as CSV <c>mn,parameter,kind,time,value,flag,revised</c>.</summary>
internal static class ReadingsCommand
{
    public static Command Create(CliConsole console) => new("readings", "Export stored readings.") { Export(console) };

    private static Command Export(CliConsole console)
    {
        var data = DataDirectory.Option();
        var station = new Option<string?>("--station") { Description = "Only this station (MN)." };
        var parameter = new Option<string?>("--parameter") { Description = "Only this parameter (canonical code: PM2.5, SO2, …)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "From this time on (ISO 8601 with offset), inclusive." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Before this time (ISO 8601 with offset), exclusive." };
        var kind = new Option<string?>("--kind") { Description = "realtime, minute, hour or day." };
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the CSV; standard output when absent." };
        var command = new Command("export", "Write readings as CSV; works while a server runs on the data directory and when it is stopped.")
        {
            data, station, parameter, from, to, kind, output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            DataKind? dataKind = null;
            if (parse.GetValue(kind) is { } name)
            {
                if (!DataKinds.TryParse(name, out var parsed))
                {
                    await console.Error.WriteLineAsync($"envmon: --kind \"{name}\" is not realtime, minute, hour or day").ConfigureAwait(false);
                    return 2;
                }

                dataKind = parsed;
            }

            var query = new ReadingQuery(parse.GetValue(station), parse.GetValue(parameter), dataKind, parse.GetValue(from), parse.GetValue(to));
            string? csv = null;
            var exit = await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
            {
                csv = await http.GetStringAsync(new Uri("api/v1/readings/export" + QueryString(query), UriKind.Relative), cancellation).ConfigureAwait(false);
                return 0;
            }, store =>
            {
                var writer = new StringWriter();
                ReadingCsv.Write(writer, store.Readings(query));
                csv = writer.ToString();
                return Task.FromResult(0);
            }).ConfigureAwait(false);
            if (exit == 0)
            {
                await Output.WriteAsync(console, parse.GetValue(output), csv!, cancellation).ConfigureAwait(false);
            }

            return exit;
        });
        return command;
    }

    private static string QueryString(ReadingQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("station", query.Mn);
        Add("parameter", query.Parameter);
        Add("kind", query.Kind?.Name());
        Add("from", query.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", query.To?.ToString("O", CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
