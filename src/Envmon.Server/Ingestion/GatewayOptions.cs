using System.ComponentModel.DataAnnotations;

namespace Envmon.Server.Ingestion;

/// <summary>Limits and timings of the HJ 212 gateway (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The largest data segment accepted, in bytes (the 4-digit length allows 9999). Default 9999.</summary>
    [Range(64, 9999)]
    public int MaxSegmentLength { get; set; } = 9999;

    /// <summary>A connection that sends no complete frame for this long is closed. Default 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A frame that has begun must be complete within this time (slow senders are closed). Default 30 s.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections allowed from one IP address. Default 100 (a whole network behind one NAT may need more).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>Failed authentications from one address within <see cref="AuthFailureWindow"/> before it is refused. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int MaxAuthFailures { get; set; } = 20;

    /// <summary>The window of <see cref="MaxAuthFailures"/>, and how long the address is then refused. Default 5 minutes.</summary>
    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Frames waiting for the writer before connections wait (back-pressure). Default 20,000.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>The most frames one group commit takes. Default 5,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchFrames { get; set; } = 5_000;

    /// <summary>How far ahead of the server clock a DataTime may be before its readings are refused. Default 10 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);
}
