using System.CommandLine;
using System.Net.Http.Json;
using Envmon.Server;
using Envmon.Server.Review;

namespace Envmon.Cli.Review;

/// <summary>
/// <c>envmon review queue|mark|sign|lock|reopen</c>: the three-level review through the running server's API, as the
/// user whose token is in <c>ENVMON_TOKEN</c> (else the local administrator, who reviews at the province level).
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(CliConsole console) => new("review", "Three-level review (needs a running server; ENVMON_TOKEN selects the user).")
    {
        Queue(console), Mark(console), Sign(console), Lock(console, reopen: false), Lock(console, reopen: true),
    };

    private static Command Queue(CliConsole console)
    {
        var data = DataDirectory.Option();
        var date = new Option<DateOnly>("--date") { Description = "The data's Beijing date (yyyy-MM-dd).", Required = true };
        var command = new Command("queue", "What waits for review at your level for a date.") { data, date };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http
            => await http.GetAsync(new Uri($"api/v1/review/queue?date={parse.GetValue(date):yyyy-MM-dd}", UriKind.Relative), cancellation).ConfigureAwait(false), cancellation)
            .ConfigureAwait(false));
        return command;
    }

    private static Command Mark(CliConsole console)
    {
        var data = DataDirectory.Option();
        var stations = new Option<string[]>("--station") { Description = "A station (MN); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var parameters = new Option<string[]>("--parameter") { Description = "A parameter; repeat for several; none: all.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (ISO 8601 with offset), inclusive.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (ISO 8601 with offset), exclusive.", Required = true };
        var decision = new Option<string>("--decision") { Description = "valid or invalid.", Required = true };
        var reason = new Option<string>("--reason") { Description = "A reason code of the catalogue (GET /api/v1/qc/reasons).", Required = true };
        var comment = new Option<string?>("--comment") { Description = "A comment." };
        var kind = new Option<string>("--kind") { Description = "realtime, minute, hour or day.", DefaultValueFactory = _ => "hour" };
        var command = new Command("mark", "Mark readings valid or invalid at your level.") { data, stations, parameters, from, to, decision, reason, comment, kind };
        command.SetAction(async (parse, cancellation) =>
        {
            var request = new MarkRequest(parse.GetValue(stations)!, parse.GetValue(parameters), parse.GetValue(kind), parse.GetValue(from), parse.GetValue(to),
                parse.GetValue(decision)!, parse.GetValue(reason)!, parse.GetValue(comment));
            return await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => await http.PostAsJsonAsync(
                new Uri("api/v1/review/marks", UriKind.Relative), request, ServerJson.Default.MarkRequest, cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Sign(CliConsole console)
    {
        var data = DataDirectory.Option();
        var stations = new Option<string[]>("--station") { Description = "A station (MN); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var date = new Option<DateOnly>("--date") { Description = "The data's Beijing date (yyyy-MM-dd).", Required = true };
        var command = new Command("sign", "Sign off a date's review of stations at your level.") { data, stations, date };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => await http.PostAsJsonAsync(
            new Uri("api/v1/review/signs", UriKind.Relative), new SignRequest(parse.GetValue(stations)!, parse.GetValue(date)), ServerJson.Default.SignRequest, cancellation)
            .ConfigureAwait(false), cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command Lock(CliConsole console, bool reopen)
    {
        var data = DataDirectory.Option();
        var month = new Option<string>("--month") { Description = "The month (yyyy-MM).", Required = true };
        var city = new Option<string?>("--city") { Description = "The city's division code; none: the province." };
        var reason = new Option<string>("--reason") { Description = "Why the month is reopened.", Required = reopen };
        var command = reopen ? new Command("reopen", "Reopen a locked month (a higher level than the lock's, with a reason).") { data, month, city, reason }
            : new Command("lock", "Lock a month of a city or the province (monthly sign-off).") { data, month, city };
        command.SetAction(async (parse, cancellation) => await DataDirectory.ViaApiAsync(parse.GetValue(data)!, console, async http => reopen
            ? await http.PostAsJsonAsync(new Uri("api/v1/review/locks/reopen", UriKind.Relative),
                new ReopenRequest(parse.GetValue(month)!, parse.GetValue(city), parse.GetValue(reason)!), ServerJson.Default.ReopenRequest, cancellation).ConfigureAwait(false)
            : await http.PostAsJsonAsync(new Uri("api/v1/review/locks", UriKind.Relative),
                new LockRequest(parse.GetValue(month)!, parse.GetValue(city)), ServerJson.Default.LockRequest, cancellation).ConfigureAwait(false), cancellation)
            .ConfigureAwait(false));
        return command;
    }
}
