using System.CommandLine;
using System.Net.Http.Json;
using System.Text;
using Envmon.Server;
using Envmon.Storage.Stations;

namespace Envmon.Cli.Stations;

/// <summary><c>envmon stations import|export</c>: the station registry as CSV (docs/stations.md).</summary>
internal static class StationsCommand
{
    public static Command Create(CliConsole console) => new("stations", "Import and export the station registry as CSV.")
    {
        Import(console),
        Export(console),
    };

    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The station CSV: mn,password,name,network,city_code,lat,lon and optional columns." };
        var data = DataDirectory.Option();
        var command = new Command("import", "Add or replace stations from a CSV; every row is checked and nothing is imported if any row is bad.") { file, data };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await console.Error.WriteLineAsync($"envmon: {path.FullName} does not exist").ConfigureAwait(false);
                return 2;
            }

            var text = await File.ReadAllTextAsync(path.FullName, cancellation).ConfigureAwait(false);
            return await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
            {
                using var content = new StringContent(text, Encoding.UTF8, "text/csv");
                using var response = await http.PostAsync(new Uri("api/v1/stations/import", UriKind.Relative), content, cancellation).ConfigureAwait(false);
                var outcome = await response.Content.ReadFromJsonAsync(ServerJson.Default.ImportOutcome, cancellation).ConfigureAwait(false);
                return await ReportAsync(console, outcome!.Imported, outcome.Errors).ConfigureAwait(false);
            }, async store =>
            {
                var result = StationCsv.Read(new StringReader(text));
                if (result.Success)
                {
                    store.SaveStations(result.Stations);
                }

                return await ReportAsync(console, result.Stations.Count, result.Errors).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ReportAsync(CliConsole console, int imported, IReadOnlyList<StationCsv.RowError> errors)
    {
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync($"line {error.Line}{(error.Mn is null ? "" : $" ({error.Mn})")}: {error.Message}").ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync(errors.Count == 0
            ? $"imported {imported} stations"
            : $"nothing imported: {errors.Count} bad rows").ConfigureAwait(false);
        return errors.Count == 0 ? 0 : 1;
    }

    private static Command Export(CliConsole console)
    {
        var data = DataDirectory.Option();
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the CSV; standard output when absent." };
        var command = new Command("export", "Write the station registry as CSV (password hashes, never passwords).") { data, output };
        command.SetAction(async (parse, cancellation) =>
        {
            var csv = await CaptureAsync(parse.GetValue(data)!, console, cancellation).ConfigureAwait(false);
            if (csv is null)
            {
                return 2;
            }

            await Output.WriteAsync(console, parse.GetValue(output), csv, cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<string?> CaptureAsync(string directory, CliConsole console, CancellationToken cancellation)
    {
        string? csv = null;
        var exit = await DataDirectory.RunAsync(directory, console, async http =>
        {
            csv = await http.GetStringAsync(new Uri("api/v1/stations/export", UriKind.Relative), cancellation).ConfigureAwait(false);
            return 0;
        }, store =>
        {
            var writer = new StringWriter();
            StationCsv.Write(writer, store.Stations());
            csv = writer.ToString();
            return Task.FromResult(0);
        }).ConfigureAwait(false);
        return exit == 0 ? csv : null;
    }
}
