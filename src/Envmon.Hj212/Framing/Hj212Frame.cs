namespace Envmon.Hj212.Framing;

/// <summary>
/// One result of <see cref="Hj212FrameReader.TryRead"/>: a frame whose length and checksum are right, or an error
/// for the bytes it consumed. The segment points into the reader's buffer and is valid until the next read.
/// </summary>
public readonly ref struct Hj212Frame
{
    internal Hj212Frame(long offset, int length, ReadOnlySpan<byte> segment, Hj212Warnings warnings)
    {
        Offset = offset;
        Length = length;
        Segment = segment;
        Warnings = warnings;
        Error = null;
    }

    internal Hj212Frame(long offset, int length, Hj212Error error)
    {
        Offset = offset;
        Length = length;
        Segment = default;
        Warnings = Hj212Warnings.None;
        Error = error;
    }

    /// <summary>The stream offset of the frame's first byte (the <c>#</c>, or the first skipped byte).</summary>
    public long Offset { get; }

    /// <summary>How many bytes of the stream this result consumed.</summary>
    public int Length { get; }

    /// <summary>The data segment (from <c>QN=</c> or <c>ST=</c> to the final <c>&amp;&amp;</c>); empty for an error.</summary>
    public ReadOnlySpan<byte> Segment { get; }

    /// <summary>Tolerated oddities of the framing.</summary>
    public Hj212Warnings Warnings { get; }

    /// <summary>Why the consumed bytes are not a frame, or null.</summary>
    public Hj212Error? Error { get; }

    /// <summary>True when this is a frame, false when it is an error.</summary>
    public bool IsFrame => Error is null;
}
