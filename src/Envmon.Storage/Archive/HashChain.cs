using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Envmon.Storage.Archive;

/// <summary>
/// The hash chain shared by the raw archive and the audit log: record n's hash is SHA-256 of record n−1's hash, the
/// sequence number (int64 little-endian), the time (µs since the Unix epoch, int64 little-endian) and every field,
/// each prefixed by its length (int64 little-endian). Changing, inserting or deleting any record breaks every hash
/// from there on. docs/quality.md gives the format so an outside auditor can check an export with any SHA-256 tool.
/// </summary>
public static class HashChain
{
    /// <summary>The hash before the first record: 32 zero bytes.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>The hash of record <paramref name="sequence"/> following <paramref name="previous"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, long sequence, DateTimeOffset time, params ReadOnlySpan<byte[]> fields)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData(previous);
        BinaryPrimitives.WriteInt64LittleEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, time.ToUnixTimeMilliseconds() * 1000);
        hash.AppendData(number);
        foreach (var field in fields)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, field.Length);
            hash.AppendData(number);
            hash.AppendData(field);
        }

        return hash.GetHashAndReset();
    }
}
