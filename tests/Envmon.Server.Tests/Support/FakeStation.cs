using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using Envmon.Hj212;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;

using Envmon.Testing;

namespace Envmon.Server.Tests.Support;

/// <summary>A data logger on a real socket: sends bytes, reads the platform's frames.</summary>
public sealed class FakeStation : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly Hj212FrameReader _reader = new();
    private readonly Hj212Decoder _decoder = new();
    private byte[] _pending = [];

    public static async Task<FakeStation> ConnectAsync(RunningServer server)
    {
        var station = new FakeStation();
        await station._client.ConnectAsync(server.Server.Hj212EndPoint);
        return station;
    }

    /// <summary>A 2051 minute upload asking for a 9014, PM2.5 = <paramref name="pm25"/>, from the test server's station by default.</summary>
    public static Hj212Packet MinuteUpload(DateTimeOffset dataTime, decimal pm25, string mn = RunningServer.Mn, string password = RunningServer.Password)
        => Uploads.Minute(mn, password, dataTime, pm25);

    /// <summary>A 2061 hourly upload of SO2, NO2, CO (mg/m³), O3, PM10, PM2.5 (2017 codes), sent <paramref name="sentAfter"/> minutes after the hour starts.</summary>
    public static Hj212Packet HourUpload(string mn, DateTimeOffset hour, decimal[] values, int sentAfter = 61)
    {
        string[] codes = ["a21026", "a21004", "a21005", "a05024", "a34002", "a34004"];
        var fields = new List<Hj212Field> { new(0, "DataTime", Hj212Time.Format(hour)) };
        for (var i = 0; i < codes.Length; i++)
        {
            fields.Add(new Hj212Field(i + 1, codes[i] + "-Avg", values[i].ToString(CultureInfo.InvariantCulture)));
            fields.Add(new Hj212Field(i + 1, codes[i] + "-Flag", "N"));
        }

        return new Hj212Packet
        {
            Qn = Hj212Time.FormatQn(hour.AddMinutes(sentAfter)),
            St = "22",
            Cn = "2061",
            Password = RunningServer.Password,
            Mn = mn,
            Flag = 5,
            Fields = fields,
        };
    }

    /// <summary>The next frame the platform sends that is not a 9014, or null (9014s are skipped).</summary>
    public async Task<Hj212Packet?> ReceiveRequestAsync(TimeSpan wait)
    {
        while (await ReceiveAsync(wait) is { } packet)
        {
            if (packet.Cn != "9014")
            {
                return packet;
            }
        }

        return null;
    }

    public Task SendAsync(Hj212Packet packet) => SendAsync(Hj212Encoder.EncodeFrame(packet));

    public async Task SendAsync(byte[] bytes) => await _client.GetStream().WriteAsync(bytes);

    /// <summary>The next frame the platform sends, or null when none comes within <paramref name="wait"/> or the link closes.</summary>
    public async Task<Hj212Packet?> ReceiveAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var buffer = new byte[4096];
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            if (_reader.TryRead(ref sequence, false, out var frame))
            {
                var packet = _decoder.Decode(frame).Packet;
                _pending = sequence.ToArray();
                return packet;
            }

            try
            {
                var read = await _client.GetStream().ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return null;
                }

                _pending = [.. _pending, .. buffer.AsSpan(0, read)];
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>Whether the server closed the connection within <paramref name="wait"/>.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var buffer = new byte[256];
            while (await _client.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
