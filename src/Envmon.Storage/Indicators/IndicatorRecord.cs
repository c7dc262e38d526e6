namespace Envmon.Storage.Indicators;

/// <summary>What an indicator describes: an air station, a city, a water section or a noise station.</summary>
public enum IndicatorScope : byte
{
    /// <summary>A station, by MN.</summary>
    Station = 1,

    /// <summary>A city, by its 6-digit division code.</summary>
    City = 2,

    /// <summary>A surface-water section, by MN: its class per sample (hour) and per day.</summary>
    WaterSection = 3,

    /// <summary>A noise station, by MN: its day levels and compliance.</summary>
    NoiseStation = 4,

    /// <summary>An air station's reviewed indicators: review decisions applied, failed automatic QC excluded where no decision.</summary>
    ReviewedStation = 5,

    /// <summary>A city's reviewed indicators, from its stations' reviewed values.</summary>
    ReviewedCity = 6,
}

/// <summary>The period an indicator covers.</summary>
public enum IndicatorPeriod : byte
{
    /// <summary>One hour (a water sample: its time), from its start.</summary>
    Hour = 1,

    /// <summary>One Beijing natural day, from its midnight.</summary>
    Day = 2,
}

/// <summary>
/// One computed indicator as stored: its key (scope, code, period, start), the AQI for quick filtering, and the whole
/// result as JSON (<paramref name="Detail"/>, written by the server). Saving a key again stores a new version; reads
/// see the newest.
/// </summary>
public sealed record IndicatorRecord(IndicatorScope Scope, string Code, IndicatorPeriod Period, DateTimeOffset Start, int? Aqi, string Detail);

/// <summary>Which indicators to read: one scope and period, optionally one code, starts in [From, To).</summary>
public sealed record IndicatorQuery(IndicatorScope Scope, IndicatorPeriod Period, string? Code = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
