namespace Envmon.Monitoring.Stations;

/// <summary>
/// How a station speaks HJ 212 and how often it should send: what the gateway needs to read it, to notice that it
/// has gone silent and to recall what is missing.
/// </summary>
public sealed record ProtocolProfile
{
    /// <summary>The HJ 212 version the logger speaks: <c>2005</c>, <c>2017</c> or <c>2025</c>.</summary>
    public string Version { get; init; } = "2017";

    /// <summary>The checksum the logger sends.</summary>
    public CrcMode Crc { get; init; } = CrcMode.Standard;

    /// <summary>Whether a frame's length field may count characters instead of UTF-8 bytes (hj212.md §2.3).</summary>
    public bool LengthMayCountCharacters { get; init; } = true;

    /// <summary>The real-time (2011) interval, or null when the station sends no real-time data.</summary>
    public TimeSpan? RealTimeInterval { get; init; }

    /// <summary>The minute-data (2051) interval, or null when it sends none.</summary>
    public TimeSpan? MinuteInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the station sends hourly data (2061).</summary>
    public bool SendsHourly { get; init; } = true;

    /// <summary>Whether the station sends daily data (2031).</summary>
    public bool SendsDaily { get; init; }

    /// <summary>
    /// Factor codes that differ from the catalogue's defaults (ParameterCatalogue.ForFactor), or that the station
    /// sends in another unit. Codes not listed map by default.
    /// </summary>
    public IReadOnlyList<FactorMapping> Factors { get; init; } = [];

    /// <summary>The shortest interval the station should send at: how long silence lasts before it is offline.</summary>
    public TimeSpan ExpectedCadence
        => RealTimeInterval ?? MinuteInterval ?? (SendsHourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
}
