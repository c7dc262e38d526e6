namespace Envmon.Hj212;

/// <summary>The protocol version a frame declares through the version bits of its Flag (HJ 212-2017 §6.3.3).</summary>
public enum Hj212Version
{
    /// <summary>HJ/T 212-2005: version bits 000000, or no Flag at all.</summary>
    V2005 = 0,

    /// <summary>HJ 212-2017: version bits 000001 (Flag 4–7).</summary>
    V2017 = 1,

    /// <summary>HJ 212-2025 and HJ 1404-2024 surface-water stations: version bits 000010 (Flag 8–11).</summary>
    V2025 = 2,
}
