namespace Envmon.Storage.Archive;

/// <summary>
/// The raw archive's <see cref="HashChain"/>: the fields of a record are remote, connection, MN, CN, outcome and the
/// frame bytes. <c>envmon verify</c> recomputes the chain.
/// </summary>
public static class ArchiveChain
{
    /// <summary>The hash before the first record.</summary>
    public static byte[] Genesis => HashChain.Genesis;

    /// <summary>The hash of record <paramref name="sequence"/> following <paramref name="previous"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, long sequence, ArchivedFrame frame)
        => HashChain.Link(previous, sequence, frame.Received, [frame.Remote, frame.Connection, frame.Mn ?? "", frame.Cn ?? "", frame.Outcome], frame.Bytes);
}
