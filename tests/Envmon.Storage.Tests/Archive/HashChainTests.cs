using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Envmon.Storage.Archive;

namespace Envmon.Storage.Tests.Archive;

/// <summary>
/// The chain's record layout is what docs/quality.md gives auditors and what every stored hash was made with: it is
/// checked here against a plain SHA-256 of the documented bytes, so that no change of the code changes the hashes.
/// </summary>
public sealed class HashChainTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 2, 8, 30, 15, 123, TimeSpan.FromHours(8));

    // SHA-256 of previous ‖ sequence ‖ µs since the epoch ‖ (length ‖ field)*, integers int64 little-endian.
    private static byte[] Documented(byte[] previous, long sequence, DateTimeOffset time, params byte[][] fields)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[8];
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

    [Fact]
    public void TheFirstArchiveRecordHashesAsDocumented()
    {
        var frame = new ArchivedFrame(Time, "10.0.0.8:50123", "0HN1", "410100A0001", "2051", "ok", Encoding.ASCII.GetBytes("##0010QN=1;ST=22\r\n"));

        var expected = Documented(new byte[32], 0, Time, Encoding.UTF8.GetBytes("10.0.0.8:50123"), Encoding.UTF8.GetBytes("0HN1"),
            Encoding.UTF8.GetBytes("410100A0001"), Encoding.UTF8.GetBytes("2051"), Encoding.UTF8.GetBytes("ok"), frame.Bytes);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(ArchiveChain.Hash(ArchiveChain.Genesis, 0, frame)));
    }

    [Fact]
    public void AnyRecordOfTextsAndBytesHashesAsDocumented()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Long, Gen.String.Array[0, 6], Gen.Byte.Array[0, 2000], Gen.Bool).Sample((previous, sequence, texts, bytes, withBytes) =>
        {
            var fields = texts.Select(Encoding.UTF8.GetBytes).Concat(withBytes ? [bytes] : []).ToArray();
            return Documented(previous, sequence, Time, fields).AsSpan().SequenceEqual(HashChain.Link(previous, sequence, Time, texts, withBytes ? bytes : null));
        });
    }

    [Fact]
    public void ChineseTextIsHashedAsItsUtf8Bytes()
    {
        var previous = SHA256.HashData("previous"u8);

        var expected = Documented(previous, 7, Time, Encoding.UTF8.GetBytes("审核员"), Encoding.UTF8.GetBytes("review.mark"), Encoding.UTF8.GetBytes("郑州市"), []);

        Assert.Equal(expected, HashChain.Link(previous, 7, Time, ["审核员", "review.mark", "郑州市", ""]));
    }
}
