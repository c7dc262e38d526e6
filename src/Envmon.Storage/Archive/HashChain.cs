using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// The hash of record <paramref name="sequence"/> following <paramref name="previous"/>: its fields are
    /// <paramref name="texts"/> (UTF-8) and then <paramref name="bytes"/>, when given. The record is laid out in one
    /// pooled buffer and hashed at once.
    /// </summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, long sequence, DateTimeOffset time, ReadOnlySpan<string> texts, byte[]? bytes = null)
    {
        var fields = texts.Length + (bytes is null ? 0 : 1);
        var length = previous.Length + 16 + (8 * fields) + (bytes?.Length ?? 0);
        foreach (var text in texts)
        {
            length += Encoding.UTF8.GetByteCount(text);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var record = rented.AsSpan(0, length);
            previous.CopyTo(record);
            var at = previous.Length;
            BinaryPrimitives.WriteInt64LittleEndian(record[at..], sequence);
            BinaryPrimitives.WriteInt64LittleEndian(record[(at + 8)..], time.ToUnixTimeMilliseconds() * 1000);
            at += 16;
            foreach (var text in texts)
            {
                var written = Encoding.UTF8.GetBytes(text, record[(at + 8)..]);
                BinaryPrimitives.WriteInt64LittleEndian(record[at..], written);
                at += 8 + written;
            }

            if (bytes is not null)
            {
                BinaryPrimitives.WriteInt64LittleEndian(record[at..], bytes.Length);
                bytes.CopyTo(record[(at + 8)..]);
            }

            return SHA256.HashData(record);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
