using System.CommandLine;
using Envmon.Server;
using Envmon.Storage;

namespace Envmon.Cli;

/// <summary>
/// How a command reaches a data directory: through the running server's HTTP API when <c>server.json</c> names one
/// that answers (DuckDB lets one process own the file), else by opening the store itself. Through the API it acts with
/// the token in <c>ENVMON_TOKEN</c>, or the local administrator's token of <c>server.json</c>.
/// </summary>
internal static class DataDirectory
{
    public static Option<string> Option() => new("--data")
    {
        Description = "The data directory.",
        DefaultValueFactory = _ => "envmon-data",
    };

    /// <summary>Runs <paramref name="viaApi"/> against the running server, or <paramref name="direct"/> on the store.</summary>
    public static async Task<int> RunAsync(string directory, CliConsole console, Func<HttpClient, Task<int>> viaApi, Func<EnvmonStore, Task<int>> direct)
    {
        if (EnvmonServer.Running(directory) is { } server)
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Http), Timeout = TimeSpan.FromMinutes(10) };
            // A user's own token (ENVMON_TOKEN) acts as that user; without one, the local token of server.json acts as the administrator.
            http.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("ENVMON_TOKEN") is { Length: > 0 } token ? token : server.Token);
            try
            {
                return await viaApi(http).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // A server.json left by a killed server: the store is free, or held by a server that does not answer.
            }
        }

        try
        {
            using var store = EnvmonStore.Open(new StoreOptions { DataDirectory = directory, Threads = 1 });
            return await direct(store).ConfigureAwait(false);
        }
        catch (StoreInUseException e)
        {
            await console.Error.WriteLineAsync($"envmon: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>
    /// Calls the running server's API and prints its answer; for what only the server can do (it knows the users and
    /// their scopes), so a stopped store gets a clear error instead.
    /// </summary>
    public static Task<int> ViaApiAsync(string directory, CliConsole console, Func<HttpClient, Task<HttpResponseMessage>> call, CancellationToken cancellation)
        => RunAsync(directory, console, async http =>
        {
            using var response = await call(http).ConfigureAwait(false);
            return await ApiCall.PrintAsync(console, response, cancellation).ConfigureAwait(false);
        }, _ => ApiCall.FailAsync(console, $"no server runs on {directory}: start one (envmon serve)"));
}
