using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Ingestion;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Envmon.Server.Tests.Support;

/// <summary>A real server on loopback ports chosen by the system, on a fresh data directory, with one station.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string Mn = "410100A0001";
    public const string Password = "123456";

    private readonly Action<ServerOptions, GatewayOptions> _configure;

    // The tests wait for QC outcomes: evaluated after 200 ms instead of the default second.
    private static void Quality(QualityOptions quality) => quality.Delay = TimeSpan.FromMilliseconds(200);

    private RunningServer(EnvmonServer server, string directory, Action<ServerOptions, GatewayOptions> configure)
    {
        Server = server;
        Directory = directory;
        _configure = configure;
    }

    public EnvmonServer Server { get; private set; }

    public string Directory { get; }

    public Uri Http => Server.HttpAddress;

    /// <summary>The local administrator's token of this run (what <c>server.json</c> holds).</summary>
    public string AdminToken => Server.Services.GetRequiredService<Users>().LocalToken;

    /// <summary>Adds a user through the API as the administrator and returns its token.</summary>
    public async Task<string> AddUserAsync(string name, string role, string? city = null, string? company = null, string? password = null)
    {
        using var admin = Client(AdminToken);
        using var response = await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative), new { name, role, city, @operator = company, password },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
    }

    /// <summary>A time as a query-string value (ISO 8601 with offset, escaped).</summary>
    public static string Query(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An HTTP client for the API, sending <paramref name="token"/> (none: anonymous).</summary>
    public HttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = Http };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }

    public static async Task<RunningServer> StartAsync(int maxAuthFailures = 20, Action<GatewayOptions>? gateway = null, Action<ServerOptions>? options = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("envmon-server-").FullName;
        void Configure(ServerOptions s, GatewayOptions g)
        {
            s.DataDirectory = directory;
            s.Hj212Listen = "127.0.0.1:0";
            s.HttpListen = "127.0.0.1:0";
            s.IndicatorDelay = TimeSpan.FromMilliseconds(20);
            g.MaxAuthFailures = maxAuthFailures;
            g.FrameTimeout = TimeSpan.FromSeconds(2);
            gateway?.Invoke(g);
            options?.Invoke(s);
        }

        var server = EnvmonServer.Build(Configure, logging => logging.SetMinimumLevel(LogLevel.Warning), Quality);
        await server.StartAsync();
        server.Services.GetRequiredService<StationRegistry>().Save([new Station
        {
            Mn = Mn,
            Password = StationPassword.Create(Password, iterations: 10),
            Name = "烟厂",
            Network = Network.NationalAir,
            CityCode = "410100",
            Latitude = 34.76,
            Longitude = 113.69,
        }]);
        return new RunningServer(server, directory, Configure);
    }

    /// <summary>Stops the server (gracefully) and starts a new one on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        Server = EnvmonServer.Build(_configure, logging => logging.SetMinimumLevel(LogLevel.Warning), Quality);
        await Server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
