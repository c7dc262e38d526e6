using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Envmon.Server;

/// <summary>
/// Settings of the host (section <c>Server</c> of appsettings.json, environment variables <c>Envmon__Server__*</c>, or
/// the <c>envmon serve</c> options). Defaults are for one machine: loopback only. Checked when the server is built.
/// </summary>
public sealed class ServerOptions : IValidatableObject
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
    [Range(1, 100_000_000)]
    public int PublicPermitsPerMinute { get; set; } = 1200;

    /// <summary>
    /// How long the indicator writer gathers changes before it stores them and recomputes the touched days (every
    /// station's and city's, from the store). Default 2 s: hourly data trickle in for minutes after each hour, and a
    /// province's day need not be recomputed more often than that.
    /// </summary>
    [TimeRange("00:00:00", "00:10:00")]
    public TimeSpan IndicatorDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the dashboard's live feed (<c>/api/v1/live</c>) sends the map points that changed. Default 5 s.</summary>
    [TimeRange("00:00:00.010", "01:00:00")]
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a heavy answer (every station's latest values: <c>/api/v1/overview</c>, <c>/api/v1/readings/latest</c>) is
    /// reused for callers with the same scope and query before it is rebuilt. Default 1 s; zero rebuilds every answer.
    /// </summary>
    [TimeRange("00:00:00", "01:00:00")]
    public TimeSpan AnswerAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The listen addresses must be an IP address and a port (<c>127.0.0.1:8080</c>, <c>[::]:9212</c>).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(Hj212Listen), Hj212Listen), (nameof(HttpListen), HttpListen) })
        {
            if (!IPEndPoint.TryParse(value ?? "", out var endpoint) || (endpoint.Port == 0 && !value!.EndsWith(":0", StringComparison.Ordinal)))
            {
                yield return new ValidationResult($"\"{value}\" is not an IP address and a port (for example 127.0.0.1:8080)", [name]);
            }
        }
    }
}
