using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Envmon.Monitoring.Readings;
using Envmon.Server;
using Envmon.Server.Access;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Envmon.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Envmon.Cli.Quality;

/// <summary><c>envmon qc run|config</c>: the automatic QC over a period, and its configuration.</summary>
internal static class QcCommand
{
    public static Command Create(CliConsole console) => new("qc", "Automatic quality control: batch runs and the rule configuration.") { Run(console), Config(console) };

    private static Command Run(CliConsole console)
    {
        var data = DataDirectory.Option();
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (ISO 8601 with offset), inclusive.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (ISO 8601 with offset), exclusive.", Required = true };
        var kind = new Option<string>("--kind") { Description = "realtime, minute, hour or day.", DefaultValueFactory = _ => "hour" };
        var command = new Command("run", "Evaluate stored data of a period again with the configuration in force; store what changed.") { data, from, to, kind };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!DataKinds.TryParse(parse.GetValue(kind)!, out var dataKind))
            {
                return await ApiCall.FailAsync(console, $"--kind \"{parse.GetValue(kind)}\" is not realtime, minute, hour or day").ConfigureAwait(false);
            }

            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            if (end <= start)
            {
                return await ApiCall.FailAsync(console, "--to must be after --from").ConfigureAwait(false);
            }

            var query = $"?kind={dataKind.Name()}&from={Time(start)}&to={Time(end)}";
            return await DataDirectory.RunAsync(parse.GetValue(data)!, console,
                async http => await ApiCall.PrintAsync(console, await http.PostAsync(new Uri("api/v1/qc/run" + query, UriKind.Relative), null, cancellation).ConfigureAwait(false),
                    cancellation).ConfigureAwait(false),
                store => ApiCall.PrintAsync(console, JsonSerializer.Serialize(Runner(store).Run(dataKind, start, end, Actor.Local), ServerJson.Default.QcRunView), cancellation))
                .ConfigureAwait(false);
        });
        return command;
    }

    private static Command Config(CliConsole console)
    {
        var data = DataDirectory.Option();
        var file = new Option<FileInfo?>("--set") { Description = "Put this configuration (JSON, docs/quality.md) in force; its version must be newer." };
        var command = new Command("config", "Print the QC configuration in force, or replace it with --set.") { data, file };
        command.SetAction(async (parse, cancellation) =>
        {
            var json = parse.GetValue(file) is { } f ? await File.ReadAllTextAsync(f.FullName, cancellation).ConfigureAwait(false) : null;
            return await DataDirectory.RunAsync(parse.GetValue(data)!, console,
                async http => await ApiCall.PrintAsync(console, json is null
                    ? await http.GetAsync(new Uri("api/v1/qc/config", UriKind.Relative), cancellation).ConfigureAwait(false)
                    : await http.PutAsync(new Uri("api/v1/qc/config", UriKind.Relative), new StringContent(json), cancellation).ConfigureAwait(false), cancellation)
                    .ConfigureAwait(false),
                async store =>
                {
                    try
                    {
                        var runner = Runner(store);
                        var configuration = json is null ? runner.Configuration : runner.Configure(json, Actor.Local);
                        return await ApiCall.PrintAsync(console, JsonSerializer.Serialize(
                            new QcConfigView(configuration.Version, configuration.Hash, configuration.Rules.Count, configuration.Json), ServerJson.Default.QcConfigView),
                            cancellation).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentException)
                    {
                        return await ApiCall.FailAsync(console, e.Message).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        });
        return command;
    }

    private static QcRunner Runner(EnvmonStore store)
        => new(store, new StationRegistry(store), new QaWindows(store), TimeProvider.System, Options.Create(new QualityOptions()), NullLogger<QcRunner>.Instance);

    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
