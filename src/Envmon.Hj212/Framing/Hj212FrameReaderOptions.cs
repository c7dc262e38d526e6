namespace Envmon.Hj212.Framing;

/// <summary>Settings of a <see cref="Hj212FrameReader"/>.</summary>
public sealed class Hj212FrameReaderOptions
{
    /// <summary>The largest data segment accepted. HJ 212-2017 says 1024, but stations send more (docs/hj212.md); the
    /// 4-digit length field allows 9999, the default.</summary>
    public int MaxSegmentLength { get; init; } = 9999;

    /// <summary>Which checksums are accepted. Default: the standard one only.</summary>
    public Hj212CrcMode CrcMode { get; init; } = Hj212CrcMode.Standard;

    /// <summary>How many bytes without a <c>##</c> are held back before they are reported as <c>no-header</c>.</summary>
    public int ScanWindow { get; init; } = 64;

    /// <summary>The default options.</summary>
    public static Hj212FrameReaderOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxSegmentLength is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSegmentLength), MaxSegmentLength, "must be 1..9999");
        }

        if (ScanWindow is < 2 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(ScanWindow), ScanWindow, "must be 2..65536");
        }
    }
}
