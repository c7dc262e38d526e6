using System.CommandLine;
using System.Net;

namespace Envmon.Cli.Simulation;

/// <summary><c>envmon simulate</c>: simulated data loggers over real TCP connections.</summary>
internal static class SimulateCommand
{
    /// <summary><c>--spread</c>, shared with <c>envmon demo</c>.</summary>
    public static Option<TimeSpan> SpreadOption() => Durations.Option("--spread",
        "Each station sends a fixed delay after the interval ends, drawn from [0, spread) of simulated time (loggers' clocks differ); 1m spreads minute uploads evenly",
        TimeSpan.FromSeconds(20));

    /// <summary><c>--history</c>, shared with <c>envmon demo</c>.</summary>
    public static Option<TimeSpan> HistoryOption(TimeSpan fallback)
        => Durations.Option("--history", "Start this long ago and catch up at --speed, then run live, for example 26h", fallback);

    public static Command Create(CliConsole console)
    {
        var target = new Option<string>("--target") { Description = "The gateway, host:port.", DefaultValueFactory = _ => "127.0.0.1:9212" };
        var stations = new Option<int>("--stations") { Description = "How many stations of the demo fleet to simulate.", DefaultValueFactory = _ => 100 };
        var speed = new Option<double>("--speed") { Description = "How much faster than real time the stations' clocks run (60: a minute per second).", DefaultValueFactory = _ => 1 };
        var history = HistoryOption(TimeSpan.Zero);
        var spread = SpreadOption();
        var faults = new Option<string?>("--faults") { Description = "Faults to inject, kind=probability per upload: badcrc, garbage, duplicate, disconnect, gap, and the interference episodes drop, cover, flat, copy, substitute." };
        var faultLog = new Option<FileInfo?>("--fault-log") { Description = "Where to write the ground truth of injected faults (JSON lines)." };
        var duration = Durations.Optional("--duration", "Stop after this long (wall clock), for example 5m; default: until Ctrl+C");
        var writeStations = new Option<FileInfo?>("--write-stations") { Description = "Write the fleet as a station CSV (for envmon stations import) and exit." };
        var command = new Command("simulate", "Simulate HJ 212 data loggers (the demo fleet on Henan's geography) sending to a gateway.")
        {
            target, stations, speed, history, spread, faults, faultLog, duration, writeStations,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!FaultSpec.TryParse(parse.GetValue(faults), out var spec, out var error))
            {
                await console.Error.WriteLineAsync($"envmon: {error}").ConfigureAwait(false);
                return 2;
            }

            if (!IPEndPoint.TryParse(parse.GetValue(target)!, out var endpoint))
            {
                await console.Error.WriteLineAsync($"envmon: --target \"{parse.GetValue(target)}\" is not host:port (an IP address)").ConfigureAwait(false);
                return 2;
            }

            var fleet = DemoFleet.Create(parse.GetValue(stations));
            if (parse.GetValue(writeStations) is { } csv)
            {
                await File.WriteAllTextAsync(csv.FullName, DemoFleet.ToCsv(fleet), cancellation).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"wrote {fleet.Count} stations to {csv.FullName}").ConfigureAwait(false);
                return 0;
            }

            var simulator = new Simulator(fleet, endpoint, parse.GetValue(speed), parse.GetValue(history), parse.GetValue(spread), spec);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (parse.GetValue(duration) is { } limit)
            {
                stop.CancelAfter(limit);
            }

            var run = simulator.RunAsync(stop.Token);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None)).ConfigureAwait(false);
                await console.Error.WriteLineAsync(simulator.Progress()).ConfigureAwait(false);
            }

            if (parse.GetValue(faultLog) is { } log)
            {
                await File.WriteAllLinesAsync(log.FullName, simulator.Stats.Faults, CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
