using System.CommandLine;
using Envmon.Server;
using Envmon.Server.Ingestion;
using Envmon.Storage;
using Microsoft.Extensions.Options;

namespace Envmon.Cli.Serve;

/// <summary><c>envmon serve</c>: the server (gateway, store, API) until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var data = DataDirectory.Option();
        var hj212 = new Option<string>("--hj212-listen") { Description = "Where the HJ 212 gateway listens, host:port.", DefaultValueFactory = _ => "127.0.0.1:9212" };
        var http = new Option<string>("--http-listen") { Description = "Where the HTTP API listens, host:port.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var perAddress = new Option<int?>("--max-connections-per-address") { Description = "Station connections allowed from one IP address (default 100)." };
        var command = new Command("serve", "Run the server: HJ 212 gateway, embedded store, HTTP API, /health and /metrics.")
        {
            data, hj212, http, perAddress,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var server = await BuildAsync(console, (s, g) =>
            {
                s.DataDirectory = parse.GetValue(data)!;
                s.Hj212Listen = parse.GetValue(hj212)!;
                s.HttpListen = parse.GetValue(http)!;
                g.MaxConnectionsPerAddress = parse.GetValue(perAddress) ?? g.MaxConnectionsPerAddress;
            }).ConfigureAwait(false);
            if (server is null)
            {
                return 2;
            }

            await using var disposeServer = server.ConfigureAwait(false);
            return await RunAsync(server, console, onStarted: null, cancellation).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Builds the server from configuration and <paramref name="configure"/>; null, with the reason said, when a setting is invalid.</summary>
    public static async Task<EnvmonServer?> BuildAsync(CliConsole console, Action<ServerOptions, GatewayOptions> configure)
    {
        try
        {
            return EnvmonServer.Build(configure);
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await console.Error.WriteLineAsync($"envmon: configuration: {failure}").ConfigureAwait(false);
            }

            return null;
        }
    }

    /// <summary>Starts <paramref name="server"/>, says where it listens, runs until cancelled, stops gracefully.</summary>
    public static async Task<int> RunAsync(EnvmonServer server, CliConsole console, Func<Task>? onStarted, CancellationToken cancellation)
    {
        try
        {
            await server.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreInUseException or IOException)
        {
            await console.Error.WriteLineAsync($"envmon: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await console.Error.WriteLineAsync($"envmon: HJ 212 gateway on {server.Hj212EndPoint}, HTTP API on {server.HttpAddress} "
            + $"(health {server.HttpAddress}health, metrics {server.HttpAddress}metrics), data in {Path.GetFullPath(server.Options.DataDirectory)}; Ctrl+C stops")
            .ConfigureAwait(false);
        if (onStarted is not null)
        {
            await onStarted().ConfigureAwait(false);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await console.Error.WriteLineAsync("envmon: stopping (draining connections and the writer)").ConfigureAwait(false);
        await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
