using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Envmon.Server;
using Envmon.Server.Statistics;

namespace Envmon.Cli.Statistics;

/// <summary><c>envmon stats</c>: the network's statistics for a period as a table (or JSON), through the running server.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var data = DataDirectory.Option();
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (ISO 8601 with offset), inclusive.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (ISO 8601 with offset), exclusive.", Required = true };
        var by = new Option<string>("--by") { Description = "station, parameter, city, county, network or province.", DefaultValueFactory = _ => "city" };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of the table." };
        var command = new Command("stats", "Network statistics (传输率, 及时率, 获取率, 有效率, 有效传输率, 运转率, 审核及时率) with numerators and denominators.")
        {
            data, from, to, by, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var query = $"api/v1/stats?from={Time(parse.GetValue(from))}&to={Time(parse.GetValue(to))}&by={Uri.EscapeDataString(parse.GetValue(by)!)}";
            return await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
            {
                using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellation).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || parse.GetValue(json))
                {
                    return await ApiCall.PrintAsync(console, response, cancellation).ConfigureAwait(false);
                }

                var rows = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false), ServerJson.Default.StatisticsRowArray)!;
                await Output.WriteAsync(console, null, Table(rows), cancellation).ConfigureAwait(false);
                return 0;
            }, _ => ApiCall.FailAsync(console, $"no server runs on {parse.GetValue(data)}: start one (envmon serve)")).ConfigureAwait(false);
        });
        return command;
    }

    private static string Table(IEnumerable<StatisticsRow> rows)
    {
        static string Cell(RatioView r) => r.Rate is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:P1} ({r.Numerator}/{r.Denominator})") : "—";
        var text = new StringBuilder("key\tname\tstations\t传输率\t及时率\t获取率\t有效率\t有效传输率\t运转率\t审核及时率\tp50/p95 min\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Key}\t{r.Name}\t{r.Stations}\t{Cell(r.Transmission)}\t{Cell(r.Timeliness)}\t{Cell(r.Capture)}\t{Cell(r.Validity)}\t")
                .Append(CultureInfo.InvariantCulture, $"{Cell(r.EffectiveTransmission)}\t{Cell(r.InstrumentRunning)}\t{Cell(r.ReviewTimeliness)}\t{r.LatencyP50Minutes}/{r.LatencyP95Minutes}\n");
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
