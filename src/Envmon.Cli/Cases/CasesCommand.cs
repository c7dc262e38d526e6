using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Envmon.Cli.Simulation;
using Envmon.Server;
using Envmon.Server.Interference;

namespace Envmon.Cli.Cases;

/// <summary><c>envmon cases list|scan|triage|evaluate</c>: interference cases, and the measurement of the detectors.</summary>
internal static class CasesCommand
{
    public static Command Create(CliConsole console) => new("cases", "Interference cases (线索): list, scan a period, triage; evaluate the detectors on simulated data.")
    {
        List(console), Scan(console), Triage(console), Evaluate(console),
    };

    private static Command List(CliConsole console)
    {
        var data = DataDirectory.Option();
        var status = new Option<string?>("--status") { Description = "Only cases with this status: new, investigating, confirmed, dismissed." };
        var command = new Command("list", "List the cases (needs a running server).") { data, status };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => await http.GetAsync(
            new Uri("api/v1/cases" + (parse.GetValue(status) is { } s ? $"?status={Uri.EscapeDataString(s)}" : ""), UriKind.Relative), cancellation).ConfigureAwait(false),
            cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command Scan(CliConsole console)
    {
        var data = DataDirectory.Option();
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (ISO 8601 with offset), inclusive.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (ISO 8601 with offset), exclusive.", Required = true };
        var command = new Command("scan", "Run the interference detectors over a period of stored data and record cases (needs a running server).") { data, from, to };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => await http.PostAsync(new Uri(
            $"api/v1/cases/scan?from={Time(parse.GetValue(from))}&to={Time(parse.GetValue(to))}", UriKind.Relative), null, cancellation).ConfigureAwait(false), cancellation)
            .ConfigureAwait(false));
        return command;
    }

    private static Command Triage(CliConsole console)
    {
        var data = DataDirectory.Option();
        var id = new Argument<long>("id") { Description = "The case's id." };
        var status = new Option<string>("--status") { Description = "new, investigating, confirmed or dismissed.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (required to dismiss)." };
        var command = new Command("triage", "Set a case's status (needs a running server).") { id, data, status, reason };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => await http.PostAsJsonAsync(
            new Uri($"api/v1/cases/{parse.GetValue(id)}/triage", UriKind.Relative), new TriageRequest(parse.GetValue(status)!, parse.GetValue(reason)),
            ServerJson.Default.TriageRequest, cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command Evaluate(CliConsole console)
    {
        var stations = new Option<int>("--stations") { Description = "Simulated air stations.", DefaultValueFactory = _ => 500 };
        var days = new Option<int>("--days") { Description = "Simulated days (after 7 days of context).", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "The random seed of the injected episodes.", DefaultValueFactory = _ => 7 };
        var episodes = new Option<FileInfo?>("--episodes") { Description = "Write the ground-truth log of injected episodes here (CSV)." };
        var command = new Command("evaluate", "Measure the detectors: simulate a fleet, inject interference episodes, report precision and recall.") { stations, days, seed, episodes };
        command.SetAction(async (parse, cancellation) =>
        {
            var result = InterferenceEvaluation.Run(parse.GetValue(stations), parse.GetValue(days), parse.GetValue(seed));
            if (parse.GetValue(episodes) is { } file)
            {
                var csv = new StringBuilder("mn,kind,from,to,detail\n");
                foreach (var e in result.Episodes)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{e.Mn},{e.Kind},{e.From:O},{e.To:O},{e.Detail}\n");
                }

                await File.WriteAllTextAsync(file.FullName, csv.ToString(), cancellation).ConfigureAwait(false);
            }

            await Output.WriteAsync(console, null, result.ToText(), cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }


    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
