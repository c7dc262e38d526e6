namespace Envmon.Monitoring.Indicators.Air;

/// <summary>
/// An hourly (real-time) or daily AQI as HJ 633 publishes it: the index, what is published (the number, or NA under
/// the 2026 rules when items are missing and the AQI is at most 100), every IAQI with the value it was read from,
/// the primary pollutants (all ties, only above 50), the exceeding ones (IAQI above 100), what is missing, the
/// category and notes on special rules that applied.
/// </summary>
public sealed record AqiReport(
    AirRules Rules,
    string Mode,
    int? Aqi,
    string? Published,
    IReadOnlyList<(string Item, int Iaqi, string Basis)> Items,
    IReadOnlyList<string> Primary,
    IReadOnlyList<string> Exceeding,
    IReadOnlyList<string> Missing,
    AqiCategory? Category,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether every item of the report was there.</summary>
    public bool Complete => Missing.Count == 0;

    /// <summary>The order items are listed in: SO2, NO2, CO, O3, O3_1h, O3_8h, PM10, PM2.5.</summary>
    public static readonly IReadOnlyList<string> Order = ["SO2", "NO2", "CO", "O3", "O3_1h", "O3_8h", "PM10", "PM2.5"];

    internal static AqiReport Build(AirRules rules, string mode, List<(string Item, int Iaqi, string Basis)> items, List<string> missing, List<string> notes)
    {
        items.Sort((a, b) => Rank(a.Item).CompareTo(Rank(b.Item)));
        missing.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
        int? aqi = items.Count == 0 ? null : items.Max(i => i.Iaqi);
        var primary = aqi > 50 ? items.Where(i => i.Iaqi == aqi).Select(i => i.Item).ToList() : [];
        var exceeding = items.Where(i => i.Iaqi > 100).Select(i => i.Item).ToList();
        var published = aqi is not { } value ? null
            : rules == AirRules.V2026 && missing.Count > 0 && value <= 100 ? "NA"
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new AqiReport(rules, mode, aqi, published, items, primary, exceeding, missing, aqi is { } a ? AqiCategory.Of(a) : null, notes);
    }

    private static readonly Dictionary<string, int> Ranks = Order.Select((item, i) => (item, i)).ToDictionary(x => x.item, x => x.i, StringComparer.Ordinal);

    private static int Rank(string item) => Ranks[item];
}
