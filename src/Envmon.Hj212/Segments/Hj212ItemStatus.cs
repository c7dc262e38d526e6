namespace Envmon.Hj212.Segments;

/// <summary>The result of <see cref="Hj212SegmentReader.Read"/>.</summary>
public enum Hj212ItemStatus
{
    /// <summary>An item was read.</summary>
    Item,

    /// <summary>CP has no more items.</summary>
    End,

    /// <summary>The segment is malformed; see the error.</summary>
    Error,
}
