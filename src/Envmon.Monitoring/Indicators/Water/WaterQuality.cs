namespace Envmon.Monitoring.Indicators.Water;

/// <summary>A surface-water sample classed by GB 3838-2002's single-factor method.</summary>
/// <param name="Class">1–5 for I–V, 6 for 劣V; null when no item could be classed.</param>
/// <param name="PerItem">Each evaluated item's class (canonical item names).</param>
/// <param name="Deciding">The items at the sample's class (定类项目).</param>
/// <param name="Exceeding">Items worse than the target class, with the exceedance multiple (C − S)/S (null for pH and DO).</param>
/// <param name="Ignored">Items given but not classed (water temperature, conductivity, turbidity, TN unless included…), as given.</param>
/// <param name="TargetClass">The class the section should meet (III unless set).</param>
public sealed record WaterClassResult(
    int? Class, IReadOnlyDictionary<string, int> PerItem, IReadOnlyList<string> Deciding, IReadOnlyDictionary<string, decimal?> Exceeding,
    IReadOnlyList<string> Ignored, int TargetClass)
{
    /// <summary>Whether the sample meets its target class.</summary>
    public bool MeetsTarget => Class <= TargetClass;
}

/// <summary>
/// GB 3838-2002 table 1 and the single-factor class (../shared/docs/standards.md §3): each item takes the best class
/// whose limit it meets (≤, or ≥ for DO; a value on a limit belongs to that class); pH outside 6–9 is 劣V; the sample
/// takes its worst item's class. Water temperature, total nitrogen (unless asked for, lakes only) and fecal coliform
/// are not classed.
/// </summary>
public static class WaterQuality
{
    private static readonly Dictionary<string, decimal[]> AtMost = new(StringComparer.Ordinal)
    {
        ["CODMn"] = [2, 4, 6, 10, 15],
        ["COD"] = [15, 15, 20, 30, 40],
        ["BOD5"] = [3, 3, 4, 6, 10],
        ["NH3-N"] = [0.15m, 0.5m, 1.0m, 1.5m, 2.0m],
        ["TP"] = [0.02m, 0.1m, 0.2m, 0.3m, 0.4m],
        ["TN"] = [0.2m, 0.5m, 1.0m, 1.5m, 2.0m],
        ["Cu"] = [0.01m, 1.0m, 1.0m, 1.0m, 1.0m],
        ["Zn"] = [0.05m, 1.0m, 1.0m, 2.0m, 2.0m],
        ["F"] = [1.0m, 1.0m, 1.0m, 1.5m, 1.5m],
        ["Se"] = [0.01m, 0.01m, 0.01m, 0.02m, 0.02m],
        ["As"] = [0.05m, 0.05m, 0.05m, 0.1m, 0.1m],
        ["Hg"] = [0.00005m, 0.00005m, 0.0001m, 0.001m, 0.001m],
        ["Cd"] = [0.001m, 0.005m, 0.005m, 0.005m, 0.01m],
        ["Cr6"] = [0.01m, 0.05m, 0.05m, 0.05m, 0.1m],
        ["Pb"] = [0.01m, 0.01m, 0.05m, 0.05m, 0.1m],
        ["CN"] = [0.005m, 0.05m, 0.2m, 0.2m, 0.2m],
        ["Phenol"] = [0.002m, 0.002m, 0.005m, 0.01m, 0.1m],
        ["Oil"] = [0.05m, 0.05m, 0.05m, 0.5m, 1.0m],
        ["LAS"] = [0.2m, 0.2m, 0.2m, 0.3m, 0.3m],
        ["Sulfide"] = [0.05m, 0.1m, 0.2m, 0.5m, 1.0m],
    };

    private static readonly decimal[] LakePhosphorus = [0.01m, 0.025m, 0.05m, 0.1m, 0.2m];
    private static readonly decimal[] DissolvedOxygen = [7.5m, 6, 5, 3, 2];

    // Names an item may be given by: canonical, Chinese, HJ 212-2017 code.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["pH"] = "pH",
        ["w01001"] = "pH",
        ["DO"] = "DO",
        ["溶解氧"] = "DO",
        ["w01009"] = "DO",
        ["CODMn"] = "CODMn",
        ["高锰酸盐指数"] = "CODMn",
        ["w01019"] = "CODMn",
        ["COD"] = "COD",
        ["化学需氧量"] = "COD",
        ["w01018"] = "COD",
        ["BOD5"] = "BOD5",
        ["五日生化需氧量"] = "BOD5",
        ["w01017"] = "BOD5",
        ["NH3-N"] = "NH3-N",
        ["氨氮"] = "NH3-N",
        ["w21003"] = "NH3-N",
        ["TP"] = "TP",
        ["总磷"] = "TP",
        ["w21011"] = "TP",
        ["TN"] = "TN",
        ["总氮"] = "TN",
        ["w21001"] = "TN",
        ["Cu"] = "Cu",
        ["铜"] = "Cu",
        ["w20138"] = "Cu",
        ["Zn"] = "Zn",
        ["锌"] = "Zn",
        ["w20139"] = "Zn",
        ["F"] = "F",
        ["氟化物"] = "F",
        ["w21017"] = "F",
        ["Se"] = "Se",
        ["硒"] = "Se",
        ["w20140"] = "Se",
        ["As"] = "As",
        ["砷"] = "As",
        ["w20141"] = "As",
        ["Hg"] = "Hg",
        ["汞"] = "Hg",
        ["w20142"] = "Hg",
        ["Cd"] = "Cd",
        ["镉"] = "Cd",
        ["w20143"] = "Cd",
        ["Cr6"] = "Cr6",
        ["六价铬"] = "Cr6",
        ["w20117"] = "Cr6",
        ["Pb"] = "Pb",
        ["铅"] = "Pb",
        ["w20144"] = "Pb",
        ["CN"] = "CN",
        ["氰化物"] = "CN",
        ["w21016"] = "CN",
        ["Phenol"] = "Phenol",
        ["挥发酚"] = "Phenol",
        ["w23002"] = "Phenol",
        ["Oil"] = "Oil",
        ["石油类"] = "Oil",
        ["w22001"] = "Oil",
        ["LAS"] = "LAS",
        ["阴离子表面活性剂"] = "LAS",
        ["w19002"] = "LAS",
        ["Sulfide"] = "Sulfide",
        ["硫化物"] = "Sulfide",
        ["w21019"] = "Sulfide",
    };

    // Measured by automatic stations or in the table, but not classed.
    private static readonly HashSet<string> NotClassed = new(StringComparer.Ordinal)
    {
        "水温", "WT", "w01010", "电导率", "Conductivity", "COND", "w01014", "浊度", "Turbidity", "TURB", "w01003", "叶绿素a", "Chla", "w01016",
        "藻密度", "Algae", "w01017a", "粪大肠菌群", "FecalColiform", "w02003",
    };

    /// <summary>Whether <paramref name="name"/> is a known item (classed or not).</summary>
    public static bool IsKnown(string name) => Aliases.ContainsKey(name) || NotClassed.Contains(name);

    /// <summary>Roman numerals of the classes, 劣V for 6.</summary>
    public static string Label(int waterClass) => waterClass switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "劣V",
        _ => throw new ArgumentOutOfRangeException(nameof(waterClass), waterClass, null),
    };

    /// <summary>The qualitative status: I–II 优, III 良好, IV 轻度污染, V 中度污染, 劣V 重度污染.</summary>
    public static string Status(int waterClass) => waterClass switch
    {
        1 or 2 => "优",
        3 => "良好",
        4 => "轻度污染",
        5 => "中度污染",
        6 => "重度污染",
        _ => throw new ArgumentOutOfRangeException(nameof(waterClass), waterClass, null),
    };

    /// <summary>Classes a sample of a river (or a lake or reservoir) against <paramref name="targetClass"/> (III by default).</summary>
    /// <exception cref="ArgumentException">An item this method does not know.</exception>
    public static WaterClassResult Classify(IReadOnlyDictionary<string, decimal> items, bool lake, bool includeNitrogen = false, int targetClass = 3)
    {
        var perItem = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (name, value) in items)
        {
            if (!Aliases.TryGetValue(name, out var item))
            {
                ignored.Add(IsKnown(name) ? name : throw new ArgumentException($"unknown water item \"{name}\"", nameof(items)));
                continue;
            }

            if (item == "TN" && !(lake && includeNitrogen))
            {
                ignored.Add(name);
                continue;
            }

            values[item] = value;
            perItem[item] = item switch
            {
                "pH" => value is >= 6 and <= 9 ? 1 : 6,
                "DO" => Best(DissolvedOxygen, limit => value >= limit),
                "TP" when lake => Best(LakePhosphorus, limit => value <= limit),
                _ => Best(AtMost[item], limit => value <= limit),
            };
        }

        int? worst = perItem.Count == 0 ? null : perItem.Values.Max();
        var deciding = perItem.Where(p => p.Value == worst).Select(p => p.Key).ToList();
        var exceeding = new SortedDictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var (item, itemClass) in perItem.Where(p => p.Value > targetClass))
        {
            exceeding[item] = item is "pH" or "DO" ? null : (values[item] - Limit(item, lake, targetClass)) / Limit(item, lake, targetClass);
        }

        return new WaterClassResult(worst, perItem, deciding, exceeding, ignored, targetClass);
    }

    private static decimal Limit(string item, bool lake, int waterClass) => (item == "TP" && lake ? LakePhosphorus : AtMost[item])[waterClass - 1];

    private static int Best(decimal[] limits, Func<decimal, bool> meets)
    {
        var index = Array.FindIndex(limits, l => meets(l));
        return index < 0 ? 6 : index + 1;
    }
}
