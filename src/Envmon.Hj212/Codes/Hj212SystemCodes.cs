namespace Envmon.Hj212.Codes;

/// <summary>The system codes (ST) of HJ 212-2017 table 5 and HJ/T 212-2005 (docs/hj212.md §6).</summary>
public static class Hj212SystemCodes
{
    /// <summary>21: surface-water quality.</summary>
    public const string SurfaceWater = "21";

    /// <summary>22: ambient air quality.</summary>
    public const string AmbientAir = "22";

    /// <summary>23: acoustic environment (noise).</summary>
    public const string Noise = "23";

    /// <summary>91: system interaction, used on replies.</summary>
    public const string SystemInteraction = "91";

    /// <summary>Whether <paramref name="st"/> is in the code tables (or the reserved A0–Z9 extension range).</summary>
    public static bool IsKnown(ReadOnlySpan<byte> st)
    {
        if (st.Length != 2)
        {
            return false;
        }

        if (st[0] is >= (byte)'A' and <= (byte)'Z')
        {
            return st[1] is >= (byte)'0' and <= (byte)'9';
        }

        var value = ((st[0] - '0') * 10) + (st[1] - '0');
        return value is (>= 21 and <= 27) or (>= 31 and <= 39) or 41 or 51 or 52 or 91;
    }
}
