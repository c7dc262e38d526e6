using System.Buffers;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;

namespace Envmon.Hj212.Tests.Support;

public static class Decode
{
    /// <summary>Reads one frame from <paramref name="bytes"/> and decodes it; fails the test if that does not work.</summary>
    public static Hj212Packet Frame(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(new Hj212FrameReader().TryRead(ref buffer, true, out var frame));
        var result = new Hj212Decoder().Decode(frame);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Packet;
    }
}
