namespace Envmon.Monitoring.Stations;

/// <summary>The monitoring network a station belongs to.</summary>
public enum Network
{
    /// <summary>国控空气站: national-control ambient air station.</summary>
    NationalAir,

    /// <summary>省控空气站: province-control ambient air station.</summary>
    ProvincialAir,

    /// <summary>乡镇空气站: township air station (six factors).</summary>
    TownshipAir,

    /// <summary>交通空气站: roadside (traffic) air station.</summary>
    TrafficAir,

    /// <summary>园区空气站: industrial-park air station.</summary>
    IndustrialParkAir,

    /// <summary>功能区声环境站: urban functional-zone noise station (zone class in <see cref="Station.NoiseZone"/>).</summary>
    Noise,

    /// <summary>地表水自动站（河流）: surface-water automatic station on a river section.</summary>
    RiverWater,

    /// <summary>地表水自动站（湖库）: surface-water automatic station on a lake or reservoir.</summary>
    LakeWater,

    /// <summary>污染源: pollution-source monitoring.</summary>
    PollutionSource,
}
