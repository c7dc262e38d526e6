using System.Text;
using CsCheck;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Framing;

public sealed class Hj212CrcTests
{
    [Theory]
    [InlineData("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&", 0x1C80)]
    [InlineData("QN=20160801085857223;ST=23;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857; LA-Rtd=50.1&&", 0x1E00)]
    [InlineData("", 0xFFFF)]
    [InlineData("Q", 0xBC81)]
    public void TheStandardsVectorsAreReproduced(string segment, int expected)
    {
        var bytes = Encoding.ASCII.GetBytes(segment);
        Assert.Equal((ushort)expected, Hj212Crc.Compute(bytes));
        Assert.Equal((ushort)expected, Hj212Crc.ComputeBitwise(bytes));
        Assert.Equal((ushort)expected, Hj212Crc.ComputeScalar(bytes));
    }

    [Theory]
    [MemberData(nameof(SampleFrame.Ids), MemberType = typeof(SampleFrame))]
    public void EverySampleFrameHasTheChecksumItsMetadataRecords(int id)
    {
        var frame = SampleFrame.ById(id);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "testdata", "hj212-frames.jsonl"))
            .Single(l => l.StartsWith($"{{\"id\": {id},", StringComparison.Ordinal))).RootElement;
        var computed = Hj212Crc.Compute(frame.Segment).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(json.GetProperty("crc_calc").GetString(), computed);
        if (frame.CrcVariant.StartsWith("CRC-16/MODBUS", StringComparison.Ordinal))
        {
            var sent = Convert.ToUInt16(json.GetProperty("crc_text").GetString(), 16);
            Assert.Equal(sent, Hj212Crc.ComputeModbusAsPrinted(frame.Segment));
        }
    }

    [Fact]
    public void TheFastFormsAgreeWithTheBitwiseFormOnAnyInput()
        => Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            var reference = Hj212Crc.ComputeBitwise(bytes);
            return Hj212Crc.Compute(bytes) == reference && Hj212Crc.ComputeScalar(bytes) == reference;
        }, iter: 5000);

    [Fact]
    public void TheFastFormIsRightAtEveryLengthAroundTheVectorBlockSizes()
    {
        // Lengths below, at and past the 16- and 32-byte blocks and their multiples, where the paths hand over.
        var random = new Random(212);
        for (var length = 0; length <= 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            Assert.Equal(Hj212Crc.ComputeBitwise(bytes), Hj212Crc.Compute(bytes));
        }
    }

    [Fact]
    public void TheLowByteIsAlwaysOneOfEightValues()
        => Gen.Byte.Array[1, 200].Sample(bytes => (Hj212Crc.Compute(bytes) & 0x3E) == 0, iter: 2000);

    [Fact]
    public void ModbusIsTheStandardCrc16Modbus()
        => Assert.Equal(0x4B37, Hj212Crc.ComputeModbus("123456789"u8));
}
