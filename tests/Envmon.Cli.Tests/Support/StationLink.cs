using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;

namespace Envmon.Cli.Tests.Support;

/// <summary>A station's TCP connection to a gateway: it uploads a packet and waits for the 9014 that says the data is stored.</summary>
public sealed class StationLink : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly Hj212FrameReader _reader = new();
    private readonly Hj212Decoder _decoder = new();
    private readonly byte[] _buffer = new byte[4096];
    private byte[] _pending = [];

    private StationLink(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<StationLink> ConnectAsync(IPEndPoint gateway, CancellationToken cancellation)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(gateway, cancellation);
            return new StationLink(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="upload"/> and reads until the 9014 with its QN: true then, false when the gateway closed the
    /// connection first. No answer within 10 seconds cancels.
    /// </summary>
    public async Task<bool> UploadAsync(Hj212Packet upload, CancellationToken cancellation)
    {
        await _stream.WriteAsync(Hj212Encoder.EncodeFrame(upload), cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ReplyTimeout);
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            if (_reader.TryRead(ref sequence, false, out var frame))
            {
                var reply = _decoder.Decode(frame).Packet;
                _pending = sequence.ToArray();
                if (reply?.Cn == "9014" && reply.Qn == upload.Qn)
                {
                    return true;
                }

                continue;
            }

            var read = await _stream.ReadAsync(_buffer, timeout.Token);
            if (read == 0)
            {
                return false;
            }

            _pending = [.. _pending, .. _buffer.AsSpan(0, read)];
        }
    }

    public void Dispose() => _client.Dispose();
}
