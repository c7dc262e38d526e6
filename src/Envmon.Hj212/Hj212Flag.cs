namespace Envmon.Hj212;

/// <summary>The bits of the Flag header field: <c>V5 V4 V3 V2 V1 V0 D A</c> (HJ 212-2017 §6.3.3).</summary>
public static class Hj212Flag
{
    /// <summary>Bit A: the receiver must answer.</summary>
    public const int ReplyRequired = 1;

    /// <summary>Bit D: the segment carries PNUM and PNO.</summary>
    public const int Split = 2;

    /// <summary>The version bits of <paramref name="flag"/>, 0 for a missing Flag.</summary>
    public static int VersionBits(int? flag) => flag is int f ? f >> 2 : 0;

    /// <summary>The version that <paramref name="flag"/> declares; versions above 2 read as 2025.</summary>
    public static Hj212Version Version(int? flag) => VersionBits(flag) switch
    {
        0 => Hj212Version.V2005,
        1 => Hj212Version.V2017,
        _ => Hj212Version.V2025,
    };

    /// <summary>The Flag for <paramref name="version"/> with the given A and D bits.</summary>
    public static int Compose(Hj212Version version, bool replyRequired, bool split)
        => ((int)version << 2) | (split ? Split : 0) | (replyRequired ? ReplyRequired : 0);

    /// <summary>The text HJ 212 uses for <paramref name="version"/> in logs and JSON: "2005", "2017" or "2025".</summary>
    public static string Name(this Hj212Version version) => version switch
    {
        Hj212Version.V2005 => "2005",
        Hj212Version.V2017 => "2017",
        _ => "2025",
    };
}
