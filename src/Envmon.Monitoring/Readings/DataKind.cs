namespace Envmon.Monitoring.Readings;

/// <summary>What interval a reading covers: the HJ 212 upload it came in (2011, 2051, 2061, 2031).</summary>
public enum DataKind
{
    /// <summary>A real-time value (2011, <c>-Rtd</c>).</summary>
    RealTime,

    /// <summary>A minute statistic (2051), over the station's minute interval.</summary>
    Minute,

    /// <summary>An hourly statistic (2061).</summary>
    Hour,

    /// <summary>A daily statistic (2031).</summary>
    Day,
}
