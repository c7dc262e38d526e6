using System.ComponentModel.DataAnnotations;

namespace Envmon.Server;

/// <summary>
/// Settings of the host (section <c>Server</c> of appsettings.json, environment variables <c>Envmon__Server__*</c>, or
/// the <c>envmon serve</c> options). Defaults are for one machine: loopback only.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The data directory (the store and <c>server.json</c>). Default <c>./envmon-data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "envmon-data";

    /// <summary>Where the HJ 212 gateway listens, <c>host:port</c>. Default <c>127.0.0.1:9212</c>.</summary>
    [Required]
    public string Hj212Listen { get; set; } = "127.0.0.1:9212";

    /// <summary>Where the HTTP API listens, <c>host:port</c>. Default <c>127.0.0.1:8080</c>.</summary>
    [Required]
    public string HttpListen { get; set; } = "127.0.0.1:8080";

    /// <summary>Requests a minute one client address may make of the public API (<c>/api/v1/public</c>). Default 1,200.</summary>
    [Range(1, 1_000_000)]
    public int PublicPermitsPerMinute { get; set; } = 1200;

    /// <summary>How long the indicator writer gathers changes before it stores them (and recomputes days). Default 200 ms.</summary>
    public TimeSpan IndicatorDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the dashboard's live feed (<c>/api/v1/live</c>) sends the map points that changed. Default 5 s.</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(5);
}
