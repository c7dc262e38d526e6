using System.Diagnostics.CodeAnalysis;

namespace Envmon.Hj212.Packets;

/// <summary>A decoded packet, or the reason the frame could not be decoded.</summary>
public readonly struct Hj212DecodeResult
{
    private Hj212DecodeResult(Hj212Packet? packet, Hj212Error? error, long offset)
    {
        Packet = packet;
        Error = error;
        Offset = offset;
    }

    /// <summary>The packet, when decoding succeeded.</summary>
    public Hj212Packet? Packet { get; }

    /// <summary>The error, when it failed.</summary>
    public Hj212Error? Error { get; }

    /// <summary>The stream offset of the frame.</summary>
    public long Offset { get; }

    /// <summary>Whether a packet was decoded.</summary>
    [MemberNotNullWhen(true, nameof(Packet))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Packet is not null;

    internal static Hj212DecodeResult Ok(Hj212Packet packet, long offset) => new(packet, null, offset);

    internal static Hj212DecodeResult Fail(Hj212Error error, long offset) => new(null, error, offset);
}
