namespace Envmon.Monitoring.Parameters;

/// <summary>The units stations report in; <see cref="UnitConversion"/> converts between those of one quantity.</summary>
public enum Unit
{
    /// <summary>No unit (pH, counts).</summary>
    None,

    /// <summary>µg/m³.</summary>
    MicrogramPerCubicMetre,

    /// <summary>mg/m³.</summary>
    MilligramPerCubicMetre,

    /// <summary>Parts per billion by volume.</summary>
    Ppb,

    /// <summary>Parts per million by volume.</summary>
    Ppm,

    /// <summary>mg/L.</summary>
    MilligramPerLitre,

    /// <summary>µg/L.</summary>
    MicrogramPerLitre,

    /// <summary>°C.</summary>
    DegreeCelsius,

    /// <summary>%.</summary>
    Percent,

    /// <summary>kPa.</summary>
    Kilopascal,

    /// <summary>hPa.</summary>
    Hectopascal,

    /// <summary>m/s.</summary>
    MetrePerSecond,

    /// <summary>Degrees of arc (wind direction).</summary>
    Degree,

    /// <summary>µS/cm.</summary>
    MicrosiemensPerCentimetre,

    /// <summary>NTU.</summary>
    Ntu,

    /// <summary>dB(A).</summary>
    Decibel,
}
