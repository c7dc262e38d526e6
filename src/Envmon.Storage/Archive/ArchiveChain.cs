using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Envmon.Storage.Archive;

/// <summary>
/// The hash chain over the raw archive: record n's hash is SHA-256 of record n-1's hash and every field of record n
/// (sequence number, receive time, remote, connection, MN, CN, outcome, frame bytes), each length-prefixed. Changing,
/// inserting or deleting any record breaks every hash from there on; <c>envmon verify</c> recomputes the chain.
/// </summary>
public static class ArchiveChain
{
    /// <summary>The hash before the first record: 32 zero bytes.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>The hash of record <paramref name="sequence"/> following <paramref name="previous"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, long sequence, ArchivedFrame frame)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData(previous);
        BinaryPrimitives.WriteInt64LittleEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, frame.Received.ToUnixTimeMilliseconds() * 1000);
        hash.AppendData(number);
        foreach (var text in new[] { frame.Remote, frame.Connection, frame.Mn ?? "", frame.Cn ?? "", frame.Outcome })
        {
            Append(hash, Encoding.UTF8.GetBytes(text), number);
        }

        Append(hash, frame.Bytes, number);
        return hash.GetHashAndReset();
    }

    private static void Append(IncrementalHash hash, byte[] bytes, Span<byte> number)
    {
        BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
        hash.AppendData(number);
        hash.AppendData(bytes);
    }
}
