namespace Envmon.Monitoring.Stations;

/// <summary>Names of <see cref="Network"/> (CSV, API) and what each network measures.</summary>
public static class Networks
{
    private static readonly Dictionary<string, Network> ByName = Enum.GetValues<Network>()
        .ToDictionary(n => n.Name(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The snake-case name: <c>national_air</c>, <c>township_air</c>, <c>noise</c>, <c>river_water</c>, …</summary>
    public static string Name(this Network network) => network switch
    {
        Network.NationalAir => "national_air",
        Network.ProvincialAir => "provincial_air",
        Network.TownshipAir => "township_air",
        Network.TrafficAir => "traffic_air",
        Network.IndustrialParkAir => "industrial_park_air",
        Network.Noise => "noise",
        Network.RiverWater => "river_water",
        Network.LakeWater => "lake_water",
        Network.PollutionSource => "pollution_source",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>The Chinese name shown to users.</summary>
    public static string NameZh(this Network network) => network switch
    {
        Network.NationalAir => "国控空气站",
        Network.ProvincialAir => "省控空气站",
        Network.TownshipAir => "乡镇空气站",
        Network.TrafficAir => "交通空气站",
        Network.IndustrialParkAir => "园区空气站",
        Network.Noise => "功能区声环境站",
        Network.RiverWater => "地表水站（河流）",
        Network.LakeWater => "地表水站（湖库）",
        Network.PollutionSource => "污染源",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>Reads a name written by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out Network network) => ByName.TryGetValue(text.Trim(), out network);

    /// <summary>Whether the network measures ambient air.</summary>
    public static bool IsAir(this Network network)
        => network is Network.NationalAir or Network.ProvincialAir or Network.TownshipAir or Network.TrafficAir or Network.IndustrialParkAir;

    /// <summary>Whether the network measures surface water.</summary>
    public static bool IsWater(this Network network) => network is Network.RiverWater or Network.LakeWater;
}
