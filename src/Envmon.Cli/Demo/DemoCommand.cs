using System.CommandLine;
using Envmon.Cli.Serve;
using Envmon.Cli.Simulation;
using Envmon.Server.Stations;
using Envmon.Storage.Stations;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Cli.Demo;

/// <summary>
/// <c>envmon demo</c>: the server on the embedded store in a local data directory, with the demo fleet (Henan's real
/// national air stations plus township, noise and water stations) registered and sending, until Ctrl+C.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var data = DataDirectory.Option();
        var hj212 = new Option<string>("--hj212-listen") { Description = "Where the HJ 212 gateway listens, host:port.", DefaultValueFactory = _ => "127.0.0.1:9212" };
        var http = new Option<string>("--http-listen") { Description = "Where the HTTP API listens, host:port.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var stations = new Option<int?>("--stations") { Description = "How many stations (default: the whole fleet, about 400; more adds township stations)." };
        var speed = new Option<double>("--speed")
        {
            Description = "How much faster than real time the stations replay --history before they run live.",
            DefaultValueFactory = _ => 120,
        };
        var history = SimulateCommand.HistoryOption(TimeSpan.FromHours(24));
        var spread = SimulateCommand.SpreadOption();
        var faults = new Option<string?>("--faults")
        {
            Description = "Faults to inject (see envmon simulate --help); by default a few interference episodes a day across the province, so that QC flags and cases have something to show (\"\" for none).",
            DefaultValueFactory = _ => "drop=0.00001,cover=0.00001,flat=0.00001,copy=0.000005,substitute=0.000005",
        };
        var command = new Command("demo", "Run a server with a province of simulated stations, ready to look at.")
        {
            data, hj212, http, stations, speed, history, spread, faults,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!FaultSpec.TryParse(parse.GetValue(faults), out var spec, out var error))
            {
                await console.Error.WriteLineAsync($"envmon: {error}").ConfigureAwait(false);
                return 2;
            }

            var fleet = DemoFleet.Create(parse.GetValue(stations));
            var server = await ServeCommand.BuildAsync(console, (s, g) =>
            {
                s.DataDirectory = parse.GetValue(data)!;
                s.Hj212Listen = parse.GetValue(hj212)!;
                s.HttpListen = parse.GetValue(http)!;
                g.MaxConnectionsPerAddress = Math.Max(g.MaxConnectionsPerAddress, fleet.Count + 10);
            }).ConfigureAwait(false);
            if (server is null)
            {
                return 2;
            }

            await using var disposeServer = server.ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            Task? simulation = null;
            Simulator? simulator = null;
            var exit = await ServeCommand.RunAsync(server, console, async () =>
            {
                var registry = server.Services.GetRequiredService<StationRegistry>();
                var missing = fleet.Where(s => registry.Find(s.Mn) is null).ToList();
                if (missing.Count > 0)
                {
                    var import = StationCsv.Read(new StringReader(DemoFleet.ToCsv(missing)));
                    registry.Save(import.Stations);
                    await console.Error.WriteLineAsync($"envmon: registered {import.Stations.Count} demo stations").ConfigureAwait(false);
                }

                await DemoAccounts.EnsureAsync(server, console).ConfigureAwait(false);
                simulator = new Simulator(fleet, server.Hj212EndPoint, parse.GetValue(speed), parse.GetValue(history), parse.GetValue(spread), spec);
                simulation = simulator.RunAsync(stop.Token);
                _ = ReportAsync(simulator, console, stop.Token);
                await console.Error.WriteLineAsync($"envmon: {fleet.Count} simulated stations connecting; the dashboard is at {server.HttpAddress} "
                    + $"(try also envmon stats, envmon review queue, envmon readings export --data {server.Options.DataDirectory})").ConfigureAwait(false);
            }, stop.Token).ConfigureAwait(false);
            if (simulation is not null)
            {
                await simulation.ConfigureAwait(false);
            }

            return exit;
        });
        return command;
    }

    private static async Task ReportAsync(Simulator simulator, CliConsole console, CancellationToken cancellation)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellation).ConfigureAwait(false);
                await console.Error.WriteLineAsync("envmon: " + simulator.Progress()).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
