using System.Net;
using System.Text.Json;
using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Audit;
using Envmon.Server.Dashboard;
using Envmon.Server.Downlink;
using Envmon.Server.Indicators;
using Envmon.Server.Ingestion;
using Envmon.Server.Interference;
using Envmon.Server.Publication;
using Envmon.Server.Quality;
using Envmon.Server.Readings;
using Envmon.Server.Recall;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Server.Statistics;
using Envmon.Server.Status;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Envmon.Server;

/// <summary>
/// The one host: Kestrel with two listeners (the HJ 212 gateway and HTTP), the group-commit writer, the API. Reads top
/// to bottom as the table of contents of the server. <see cref="StartAsync"/> writes <c>server.json</c> into the data
/// directory (where the CLI finds the running server's API) and <see cref="StopAsync"/> removes it.
/// </summary>
public sealed class EnvmonServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions[] _listeners = new ListenOptions[2];

    private EnvmonServer(WebApplication app, ServerOptions options, ListenOptions[] listeners)
    {
        _app = app;
        Options = options;
        _listeners = listeners;
    }

    /// <summary>The settings the server runs with.</summary>
    public ServerOptions Options { get; }

    /// <summary>Where the HJ 212 gateway listens (the real port once started, also for port 0).</summary>
    public IPEndPoint Hj212EndPoint => _listeners[0].IPEndPoint!;

    /// <summary>Where the HTTP API listens.</summary>
    public IPEndPoint HttpEndPoint => _listeners[1].IPEndPoint!;

    /// <summary>The base address of the HTTP API.</summary>
    public Uri HttpAddress => new($"http://{HttpEndPoint}");

    /// <summary>The host's services (the store, the registry), for the commands that run beside it.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the server from configuration (appsettings.json, <c>Envmon__</c> environment variables) with
    /// <paramref name="configure"/> applied last (the command line's options).
    /// </summary>
    public static EnvmonServer Build(
        Action<ServerOptions, GatewayOptions>? configure = null, Action<ILoggingBuilder>? logging = null, Action<QualityOptions>? configureQuality = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables("Envmon__");
        var server = builder.Configuration.GetSection("Server").Get<ServerOptions>() ?? new ServerOptions();
        var gateway = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        configure?.Invoke(server, gateway);
        var storage = builder.Configuration.GetSection("Storage").Get<StoreOptions>() ?? new StoreOptions();
        var quality = builder.Configuration.GetSection("Quality").Get<QualityOptions>() ?? new QualityOptions();
        var review = builder.Configuration.GetSection("Review").Get<ReviewOptions>() ?? new ReviewOptions();
        configureQuality?.Invoke(quality);
        storage.DataDirectory = server.DataDirectory;
        Check(new ServerOptionsValidator(), server, "Server");
        Check(new GatewayOptionsValidator(), gateway, "Gateway");

        // ASP.NET Core logs every HTTP request at Information; the server's own events are what operators read.
        // A more specific category in the Logging configuration still overrides this.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The host's start-up lines would list the HJ 212 port as "http://"; the server logs both listeners itself
        // (event 1000), and envmon says when it stops.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(gateway));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(server));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(quality));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(review));
        builder.Services.AddSingleton(_ => EnvmonStore.Open(storage));
        builder.Services.AddSingleton<StationRegistry>();
        builder.Services.AddSingleton<Users>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<QaWindows>();
        builder.Services.AddSingleton<ReviewBook>();
        builder.Services.AddSingleton<CaseBook>();
        builder.Services.AddSingleton<InterferenceScanner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InterferenceScanner>());
        builder.Services.AddSingleton<NetworkStatistics>();
        builder.Services.AddSingleton<QcRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<QcRunner>());
        builder.Services.AddSingleton<ConnectionTable>();
        builder.Services.AddSingleton<AddressGuard>();
        builder.Services.AddSingleton<IngestQueue>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddHostedService<IngestWriter>();
        builder.Services.AddSingleton<StationRequests>();
        builder.Services.AddSingleton<AirRollup>();
        builder.Services.AddSingleton<SectionRollup>();
        builder.Services.AddSingleton<IndicatorWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndicatorWriter>());
        builder.Services.AddSingleton<Overview>();
        builder.Services.AddSingleton<AnswerCache>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveFeed>());
        builder.Services.AddSingleton(_ => new GapTracker(gateway.RecallLookback));
        builder.Services.AddSingleton<GapRecall>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GapRecall>());
        // The API's JSON is its source-generated context alone (ASP.NET Core adds its problem details after it), whether
        // or not reflection-based JSON is on, so that a type it lacks fails in the tests as it would in the AOT build.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Clear();
            json.SerializerOptions.TypeInfoResolverChain.Add(ServerJson.Default);
        });
        // Every error answer is a problem with a stable code: the API's own (Problems), a request that could not be bound
        // (RequestProblems), an empty error status (a path that does not exist), and a failure no one caught (500).
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("code", Problems.CodeOf(context.ProblemDetails.Status)));
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<RequestProblems>();
        builder.Services.AddPublicRateLimit(server);
        // The dashboard's files (ECharts 1.1 MB, the map 334 KB) go compressed to browsers that accept it; API answers are
        // not compressed here (the heavy ones carry their own gzip form, see TableResult), nor are event streams.
        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/geo+json"];
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "Envmon API", Version = "v1", Description = "Eco-environment monitoring data platform: stations, readings, indicators, QC, review, cases, statistics (docs/)." };
            return Task.CompletedTask;
        }));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(GatewayMetrics.MeterName, "System.Runtime").AddPrometheusExporter());

        var listeners = new ListenOptions[2];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBufferSize = 64 * 1024;
            kestrel.Listen(IPEndPoint.Parse(server.Hj212Listen), listen =>
            {
                listeners[0] = listen;
                listen.UseConnectionHandler<Hj212ConnectionHandler>();
            });
            kestrel.Listen(IPEndPoint.Parse(server.HttpListen), listen => listeners[1] = listen);
        });

        var app = builder.Build();
        // Security headers on every HTTP answer: no sniffing, no framing, no referrer, scripts from the app only (styles also
        // inline: the charts set style attributes on the elements they draw).
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
            return next(context);
        });
        // A signed-in user refused something (403) is recorded in the audit log, as sign-ins are.
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden && context.Caller() is { } actor)
            {
                context.RequestServices.GetRequiredService<EnvmonStore>().Audit(actor.Name, "access.denied", $"{context.Request.Method} {context.Request.Path}", "{}",
                    DateTimeOffset.UtcNow);
            }
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseResponseCompression();
        app.UseDashboardFiles();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapStatus();
        app.MapPublic();
        app.MapAccess();
        app.MapAudit();
        app.MapQuality();
        app.MapReview();
        app.MapCases();
        app.MapStatistics();
        app.MapStations();
        app.MapReadings();
        app.MapDownlink();
        app.MapAqi();
        app.MapDashboard();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        return new EnvmonServer(app, server, listeners);
    }

    // A setting out of its range stops the server before it starts, naming the setting, rather than failing later.
    private static void Check<T>(IValidateOptions<T> validator, T options, string section)
        where T : class
    {
        if (validator.Validate(section, options) is { Failed: true } result)
        {
            throw new OptionsValidationException(section, typeof(T), [.. result.Failures.Select(failure => $"{section}:{failure}")]);
        }
    }

    /// <summary>Opens the store, starts listening and writes <c>server.json</c> (atomically).</summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        var store = _app.Services.GetRequiredService<EnvmonStore>();
        var registry = _app.Services.GetRequiredService<StationRegistry>();
        // The rollups start from the stored hours of their window; what differs from the stored indicators is stored.
        var from = DateTimeOffset.UtcNow - AirRollup.Window;
        var recent = store.Readings(new ReadingQuery(Kind: DataKind.Hour, From: from)).Select(r => r.Reading).ToList();
        var indicators = _app.Services.GetRequiredService<IndicatorWriter>();
        indicators.LoadSaved(from);
        indicators.Enqueue(_app.Services.GetRequiredService<AirRollup>().Add(recent), _app.Services.GetRequiredService<SectionRollup>().Add(recent), recent);
        var quality = _app.Services.GetRequiredService<QcRunner>();
        quality.Load();
        // What depends on QC outcomes and review decisions (the reviewed indicators) is recomputed when they change.
        quality.Changed += indicators.Recompute;
        _app.Services.GetRequiredService<ReviewBook>().Marked += (_, dates) => indicators.Recompute(dates);
        await _app.StartAsync(cancellation).ConfigureAwait(false);
        var logger = _app.Services.GetRequiredService<ILogger<EnvmonServer>>();
        logger.StoreOpened(store.Path, registry.All.Count, store.ArchiveCount);
        logger.Listening(Hj212EndPoint.ToString(), HttpAddress.ToString());
        var info = new ServerInfo(HttpAddress.ToString(), Hj212EndPoint.ToString(), Environment.ProcessId, _app.Services.GetRequiredService<Users>().LocalToken);
        // Written beside and renamed into place, so that a reader never sees a half-written file; readable by its owner only (it holds the local token).
        var path = InfoPath(Options.DataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(path + ".tmp", new System.Text.UTF8Encoding(false), options))
        {
            await file.WriteAsync(JsonSerializer.Serialize(info, ServerJson.Default.ServerInfo).AsMemory(), cancellation).ConfigureAwait(false);
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Stops accepting, lets connections finish, drains the writer (every accepted frame is committed).</summary>
    public async Task StopAsync(CancellationToken cancellation = default)
    {
        File.Delete(InfoPath(Options.DataDirectory));
        await _app.StopAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>The running server of <paramref name="dataDirectory"/>, from its <c>server.json</c>, or null.</summary>
    public static ServerInfo? Running(string dataDirectory)
    {
        var path = InfoPath(dataDirectory);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), ServerJson.Default.ServerInfo) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string InfoPath(string dataDirectory) => Path.Combine(dataDirectory, "server.json");
}
