using System.ComponentModel.DataAnnotations;

namespace Envmon.Server.Ingestion;

/// <summary>Limits and timings of the HJ 212 gateway (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The largest data segment accepted, in bytes (the 4-digit length allows 9999). Default 9999.</summary>
    [Range(64, 9999)]
    public int MaxSegmentLength { get; set; } = 9999;

    /// <summary>A connection that sends no complete frame for this long is closed. Default 10 minutes.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A frame that has begun must be complete within this time (slow senders are closed). Default 30 s.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections allowed from one IP address. Default 100 (a whole network behind one NAT may need more).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>Failed authentications from one address within <see cref="AuthFailureWindow"/> before it is refused. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int MaxAuthFailures { get; set; } = 20;

    /// <summary>The window of <see cref="MaxAuthFailures"/>, and how long the address is then refused. Default 5 minutes.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Frames waiting for the writer before connections wait (back-pressure). Default 20,000.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>The most frames one group commit takes. Default 5,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchFrames { get; set; } = 5_000;

    /// <summary>How far ahead of the server clock a DataTime may be before its readings are refused. Default 10 minutes.</summary>
    [TimeRange("00:00:00", "3650.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a platform request waits for the station's 9011 before it is sent again (HJ 212 OverTime). Default 5 seconds.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a request is sent again when no 9011 comes (HJ 212 ReCount). Default 3.</summary>
    [Range(0, 100)]
    public int RequestRetries { get; set; } = 3;

    /// <summary>How long an accepted request waits for its 9012 (a recall uploads its data first). Default 2 minutes.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the gateway recalls missing minute and hour data from connected stations (补数). Default true.</summary>
    public bool RecallGaps { get; set; } = true;

    /// <summary>How often the gateway looks for gaps. Default 1 minute.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan RecallScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back gaps are recalled. Default 24 hours.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan RecallLookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after an interval ends its data may still arrive on its own before it counts as missing. Default 5 minutes.</summary>
    [TimeRange("00:00:00", "3650.00:00:00")]
    public TimeSpan RecallSettle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many recalls run at once across all stations (one per station). Default 20.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRecalls { get; set; } = 20;

    /// <summary>How often the same missing interval is asked for before the gateway gives up on it. Default 3.</summary>
    [Range(1, 100)]
    public int MaxRecallAttempts { get; set; } = 3;

    /// <summary>The longest window one recall asks for (longer gaps take several). Default 2 hours.</summary>
    [TimeRange("00:00:00.001", "3650.00:00:00")]
    public TimeSpan MaxRecallWindow { get; set; } = TimeSpan.FromHours(2);
}
