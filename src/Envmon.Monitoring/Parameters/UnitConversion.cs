namespace Envmon.Monitoring.Parameters;

/// <summary>
/// Converts a value from the unit a station sends to the canonical unit of its parameter. Gas volume ratios
/// (ppm, ppb) become mass concentrations at the reference state of GB 3095-2012 amendment 1 (2018) for gaseous
/// pollutants: 298.15 K and 101.325 kPa, where one mole of gas takes 24.465 L.
/// </summary>
public static class UnitConversion
{
    /// <summary>The molar volume of an ideal gas at 298.15 K and 101.325 kPa, in L/mol.</summary>
    public const decimal MolarVolume = 24.465m;

    /// <summary>Units are written so in the station CSV and the API.</summary>
    private static readonly Dictionary<string, Unit> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = Unit.None,
        ["ug/m3"] = Unit.MicrogramPerCubicMetre,
        ["µg/m³"] = Unit.MicrogramPerCubicMetre,
        ["mg/m3"] = Unit.MilligramPerCubicMetre,
        ["mg/m³"] = Unit.MilligramPerCubicMetre,
        ["ppb"] = Unit.Ppb,
        ["ppm"] = Unit.Ppm,
        ["mg/L"] = Unit.MilligramPerLitre,
        ["ug/L"] = Unit.MicrogramPerLitre,
        ["µg/L"] = Unit.MicrogramPerLitre,
        ["C"] = Unit.DegreeCelsius,
        ["°C"] = Unit.DegreeCelsius,
        ["%"] = Unit.Percent,
        ["kPa"] = Unit.Kilopascal,
        ["hPa"] = Unit.Hectopascal,
        ["m/s"] = Unit.MetrePerSecond,
        ["deg"] = Unit.Degree,
        ["°"] = Unit.Degree,
        ["uS/cm"] = Unit.MicrosiemensPerCentimetre,
        ["µS/cm"] = Unit.MicrosiemensPerCentimetre,
        ["NTU"] = Unit.Ntu,
        ["dB"] = Unit.Decibel,
        ["dB(A)"] = Unit.Decibel,
    };

    /// <summary>Reads a unit's name (<c>ug/m3</c>, <c>mg/m3</c>, <c>ppm</c>, …).</summary>
    public static bool TryParse(string text, out Unit unit) => Names.TryGetValue(text.Trim(), out unit);

    /// <summary>The ASCII name of <paramref name="unit"/>, as <see cref="TryParse"/> reads it.</summary>
    public static string Name(Unit unit) => unit switch
    {
        Unit.None => "",
        Unit.MicrogramPerCubicMetre => "ug/m3",
        Unit.MilligramPerCubicMetre => "mg/m3",
        Unit.Ppb => "ppb",
        Unit.Ppm => "ppm",
        Unit.MilligramPerLitre => "mg/L",
        Unit.MicrogramPerLitre => "ug/L",
        Unit.DegreeCelsius => "C",
        Unit.Percent => "%",
        Unit.Kilopascal => "kPa",
        Unit.Hectopascal => "hPa",
        Unit.MetrePerSecond => "m/s",
        Unit.Degree => "deg",
        Unit.MicrosiemensPerCentimetre => "uS/cm",
        Unit.Ntu => "NTU",
        Unit.Decibel => "dB",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>
    /// The factor that turns a value in <paramref name="from"/> into <paramref name="parameter"/>'s unit, or null when
    /// the two units do not measure the same quantity (or a gas ratio is given for a parameter without molar mass).
    /// </summary>
    public static decimal? Factor(Unit from, Parameter parameter)
    {
        var to = parameter.Unit;
        if (from == to)
        {
            return 1m;
        }

        var fromMass = ToMicrogramsPerCubicMetre(from, parameter.MolarMass);
        var toMass = ToMicrogramsPerCubicMetre(to, parameter.MolarMass);
        if (fromMass is { } a && toMass is { } b)
        {
            return a / b;
        }

        return (from, to) switch
        {
            (Unit.MicrogramPerLitre, Unit.MilligramPerLitre) => 0.001m,
            (Unit.MilligramPerLitre, Unit.MicrogramPerLitre) => 1000m,
            (Unit.Hectopascal, Unit.Kilopascal) => 0.1m,
            (Unit.Kilopascal, Unit.Hectopascal) => 10m,
            _ => null,
        };
    }

    // µg/m³ per one of the unit, or null for units that are not air concentrations.
    private static decimal? ToMicrogramsPerCubicMetre(Unit unit, decimal? molarMass) => unit switch
    {
        Unit.MicrogramPerCubicMetre => 1m,
        Unit.MilligramPerCubicMetre => 1000m,
        Unit.Ppb when molarMass is { } m => m / MolarVolume,
        Unit.Ppm when molarMass is { } m => 1000m * m / MolarVolume,
        _ => null,
    };
}
