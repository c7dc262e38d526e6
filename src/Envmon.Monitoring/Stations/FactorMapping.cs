using Envmon.Monitoring.Parameters;

namespace Envmon.Monitoring.Stations;

/// <summary>
/// How one of a station's HJ 212 factor codes maps to a canonical parameter, and the unit the station sends it in;
/// values are converted to the parameter's canonical unit as they arrive.
/// </summary>
/// <param name="FactorCode">The code the station sends (<c>a34004</c>, <c>o31104</c>, <c>060</c>).</param>
/// <param name="Parameter">The canonical parameter code.</param>
/// <param name="Unit">The unit the station sends.</param>
public sealed record FactorMapping(string FactorCode, string Parameter, Unit Unit)
{
    /// <summary>Parses <c>factor:parameter:unit</c> (<c>a21005:CO:ppm</c>); the unit may be left out for the canonical one.</summary>
    public static bool TryParse(string text, out FactorMapping? mapping, out string? error)
    {
        mapping = null;
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
        {
            error = $"factor mapping \"{text}\" is not factor:parameter[:unit]";
            return false;
        }

        if (ParameterCatalogue.Find(parts[1]) is not { } parameter)
        {
            error = $"factor mapping \"{text}\": unknown parameter \"{parts[1]}\"";
            return false;
        }

        var unit = parameter.Unit;
        if (parts.Length == 3 && !UnitConversion.TryParse(parts[2], out unit))
        {
            error = $"factor mapping \"{text}\": unknown unit \"{parts[2]}\"";
            return false;
        }

        if (UnitConversion.Factor(unit, parameter) is null)
        {
            error = $"factor mapping \"{text}\": {UnitConversion.Name(unit)} cannot be converted to {UnitConversion.Name(parameter.Unit)}";
            return false;
        }

        mapping = new FactorMapping(parts[0], parameter.Code, unit);
        error = null;
        return true;
    }

    /// <summary>The text <see cref="TryParse"/> reads.</summary>
    public override string ToString() => $"{FactorCode}:{Parameter}:{UnitConversion.Name(Unit)}";
}
