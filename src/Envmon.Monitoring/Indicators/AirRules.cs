namespace Envmon.Monitoring.Indicators;

/// <summary>
/// Which rule set computes air indicators: HJ 633-2012 / HJ 663-2013 / GB 3095-2012, or HJ 633-2026 / HJ 663-2026 /
/// GB 3095-2026, in force from 2026-03-01. The rules are chosen by the date of the data (Beijing time).
/// </summary>
public enum AirRules
{
    /// <summary>HJ 633-2012, HJ 663-2013, GB 3095-2012 (data before 2026-03-01).</summary>
    V2012,

    /// <summary>HJ 633-2026, HJ 663-2026, GB 3095-2026 (data from 2026-03-01).</summary>
    V2026,
}

/// <summary>Choosing and naming <see cref="AirRules"/>.</summary>
public static class AirRuleSets
{
    /// <summary>The first day of the 2026 rules.</summary>
    public static readonly DateOnly ChangeOver = new(2026, 3, 1);

    /// <summary>The rules in force on <paramref name="day"/> (a Beijing-time date).</summary>
    public static AirRules ForDate(DateOnly day) => day < ChangeOver ? AirRules.V2012 : AirRules.V2026;

    /// <summary><c>2012</c> or <c>2026</c>.</summary>
    public static string Name(this AirRules rules) => rules == AirRules.V2012 ? "2012" : "2026";

    /// <summary>Reads <c>2012</c> or <c>2026</c>.</summary>
    public static bool TryParse(string? text, out AirRules rules)
    {
        rules = text == "2012" ? AirRules.V2012 : AirRules.V2026;
        return text is "2012" or "2026";
    }

    /// <summary>
    /// Whether concentrations are rounded (GB/T 8170) before the IAQI look-up by default: yes under the 2026 rules
    /// (clause 4.2), no under 2012, as the 2013 platform's published figures show (docs/indicators.md).
    /// </summary>
    public static bool RoundsConcentrations(this AirRules rules) => rules == AirRules.V2026;
}
