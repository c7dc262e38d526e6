namespace Envmon.Monitoring.Stations;

/// <summary>Names of <see cref="NoiseZone"/> as GB 3096 writes them: 0, 1, 2, 3, 4a, 4b.</summary>
public static class NoiseZones
{
    /// <summary>The class as GB 3096 writes it.</summary>
    public static string Name(this NoiseZone zone) => zone switch
    {
        NoiseZone.Class0 => "0",
        NoiseZone.Class1 => "1",
        NoiseZone.Class2 => "2",
        NoiseZone.Class3 => "3",
        NoiseZone.Class4A => "4a",
        NoiseZone.Class4B => "4b",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>Reads a class written by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out NoiseZone zone)
        => EnumNames.TryParse(text, k => k.Name(), out zone);
}
