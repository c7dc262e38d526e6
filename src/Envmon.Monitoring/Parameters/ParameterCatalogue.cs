using System.Collections.Frozen;

namespace Envmon.Monitoring.Parameters;

/// <summary>
/// The canonical parameters, with the HJ 212 factor codes of 2017 (HJ 524/525) and 2005 that stations send for them
/// (docs/parameters.md). Air pollutants are stored in µg/m³ except CO in mg/m³, as HJ 633 and GB 3095 state limits.
/// </summary>
public static class ParameterCatalogue
{
    /// <summary>Every canonical parameter, air first, in the order reports list them.</summary>
    public static readonly IReadOnlyList<Parameter> All =
    [
        new("SO2", "二氧化硫", "sulphur dioxide", Medium.Air, Unit.MicrogramPerCubicMetre, "a21026", "02", 64.066m),
        new("NO2", "二氧化氮", "nitrogen dioxide", Medium.Air, Unit.MicrogramPerCubicMetre, "a21004", null, 46.0055m),
        new("CO", "一氧化碳", "carbon monoxide", Medium.Air, Unit.MilligramPerCubicMetre, "a21005", "04", 28.010m),
        new("O3", "臭氧", "ozone", Medium.Air, Unit.MicrogramPerCubicMetre, "a05024", null, 47.998m),
        new("PM10", "可吸入颗粒物", "PM10", Medium.Air, Unit.MicrogramPerCubicMetre, "a34002", null),
        new("PM2.5", "细颗粒物", "PM2.5", Medium.Air, Unit.MicrogramPerCubicMetre, "a34004", null),
        new("NO", "一氧化氮", "nitric oxide", Medium.Air, Unit.MicrogramPerCubicMetre, "a21003", null, 30.006m),
        new("NOx", "氮氧化物", "nitrogen oxides (as NO2)", Medium.Air, Unit.MicrogramPerCubicMetre, "a21002", "03", 46.0055m),
        new("TSP", "总悬浮颗粒物", "total suspended particulates", Medium.Air, Unit.MicrogramPerCubicMetre, "a34001", null),
        new("PM1", "PM1.0", "PM1.0", Medium.Air, Unit.MicrogramPerCubicMetre, "a34005", null),
        new("TEMP", "气温", "air temperature", Medium.Air, Unit.DegreeCelsius, "a01001", null),
        new("RH", "相对湿度", "relative humidity", Medium.Air, Unit.Percent, "a01002", null),
        new("PRES", "气压", "air pressure", Medium.Air, Unit.Kilopascal, "a01006", null),
        new("WS", "风速", "wind speed", Medium.Air, Unit.MetrePerSecond, "a01007", null),
        new("WD", "风向", "wind direction", Medium.Air, Unit.Degree, "a01008", null),
        new("WT", "水温", "water temperature", Medium.Water, Unit.DegreeCelsius, "w01010", null),
        new("pH", "pH值", "pH", Medium.Water, Unit.None, "w01001", "001"),
        new("DO", "溶解氧", "dissolved oxygen", Medium.Water, Unit.MilligramPerLitre, "w01009", null),
        new("COND", "电导率", "conductivity", Medium.Water, Unit.MicrosiemensPerCentimetre, "w01014", null),
        new("TURB", "浊度", "turbidity", Medium.Water, Unit.Ntu, "w01003", null),
        new("CODMn", "高锰酸盐指数", "permanganate index", Medium.Water, Unit.MilligramPerLitre, "w01019", null),
        new("COD", "化学需氧量", "chemical oxygen demand", Medium.Water, Unit.MilligramPerLitre, "w01018", "011"),
        new("NH3-N", "氨氮", "ammonia nitrogen", Medium.Water, Unit.MilligramPerLitre, "w21003", "060"),
        new("TP", "总磷", "total phosphorus", Medium.Water, Unit.MilligramPerLitre, "w21011", "101"),
        new("TN", "总氮", "total nitrogen", Medium.Water, Unit.MilligramPerLitre, "w21001", "065"),
        new("LA", "A声级", "A-weighted sound level", Medium.Noise, Unit.Decibel, "LA", null),
        new("Leq", "等效声级", "equivalent continuous level", Medium.Noise, Unit.Decibel, "Leq", null),
        new("L10", "L10", "L10", Medium.Noise, Unit.Decibel, "L10", null),
        new("L50", "L50", "L50", Medium.Noise, Unit.Decibel, "L50", null),
        new("L90", "L90", "L90", Medium.Noise, Unit.Decibel, "L90", null),
        new("Lmax", "最大声级", "maximum level", Medium.Noise, Unit.Decibel, "LMx", null),
        new("Lmin", "最小声级", "minimum level", Medium.Noise, Unit.Decibel, "LMn", null),
        new("Ld", "昼间等效声级", "day level", Medium.Noise, Unit.Decibel, "Ld", null),
        new("Ln", "夜间等效声级", "night level", Medium.Noise, Unit.Decibel, "Ln", null),
        new("Ldn", "昼夜等效声级", "day-night level", Medium.Noise, Unit.Decibel, "Ldn", null),
    ];

    private static readonly FrozenDictionary<string, Parameter> ByCode = All.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Parameter> ByFactor = All
        .SelectMany(p => new[] { p.Factor2017, p.Factor2005 }.OfType<string>().Select(code => (code, p)))
        .ToFrozenDictionary(x => x.code, x => x.p, StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameter with canonical <paramref name="code"/>, or null.</summary>
    public static Parameter? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The parameter a station's HJ 212 factor code (2017 or 2005, any case) stands for by default, or null.</summary>
    public static Parameter? ForFactor(string factorCode) => ByFactor.GetValueOrDefault(factorCode);

    /// <summary>
    /// The unit a station sends <paramref name="parameter"/> in when its profile says nothing else: the canonical one.
    /// Air-quality loggers report µg/m³ (CO mg/m³) although the HJ 212-2017 table prints mg/m³ (docs/parameters.md).
    /// </summary>
    public static Unit DefaultStationUnit(Parameter parameter) => parameter.Unit;
}
