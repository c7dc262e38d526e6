namespace Envmon.Monitoring.Indicators;

/// <summary>GB/T 8170 rounding (四舍六入五成双: half to even) on exact decimals, and the digits each pollutant keeps.</summary>
public static class Gbt8170
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="digits"/> decimals, half to even.</summary>
    public static decimal Round(decimal value, int digits) => Math.Round(value, digits, MidpointRounding.ToEven);

    /// <summary>The decimals a reported concentration keeps: CO 1 (mg/m³), the other air pollutants 0 (µg/m³).</summary>
    public static int Digits(string pollutant) => pollutant == "CO" ? 1 : 0;

    /// <summary>Rounds a concentration of <paramref name="pollutant"/> as reported.</summary>
    public static decimal RoundConcentration(string pollutant, decimal value) => Round(value, Digits(pollutant));
}
