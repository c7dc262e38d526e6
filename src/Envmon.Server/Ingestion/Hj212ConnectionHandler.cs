using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using Envmon.Hj212;
using Envmon.Hj212.Codes;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;
using Envmon.Storage.Archive;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Ingestion;

/// <summary>
/// One station connection: frame → decode → check the CRC the station's profile asks for → authenticate → persist →
/// reply. Every frame, good or bad, goes to the raw archive; a data upload's 9014 is sent only once its readings are
/// durable. A bad frame is counted and skipped; the connection closes only when it is idle, too slow, or sends
/// nothing but garbage.
/// </summary>
internal sealed class Hj212ConnectionHandler(
    IngestQueue queue,
    StationRegistry stations,
    ConnectionTable links,
    AddressGuard guard,
    GatewayMetrics metrics,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<Hj212ConnectionHandler> logger) : ConnectionHandler
{
    // After this many frames in a row that are not valid, the stream is not HJ 212: close it.
    private const int MaxConsecutiveErrors = 100;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (guard.TryOpen(address) is { } refusal)
        {
            logger.ConnectionRefused(connection.RemoteEndPoint, refusal);
            metrics.Rejected("address-limit");
            return;
        }

        metrics.ConnectionOpened();
        logger.ConnectionOpened(connection.ConnectionId, connection.RemoteEndPoint);
        var reason = "closed by the station";
        using var session = new StationSession(connection.ConnectionId, connection.RemoteEndPoint, address, connection.Transport.Output);
        try
        {
            using (logger.BeginScope(new Dictionary<string, object?> { ["Connection"] = connection.ConnectionId, ["Remote"] = connection.RemoteEndPoint?.ToString() }))
            {
                reason = await ServeAsync(connection, session).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ConnectionResetException or IOException or OperationCanceledException)
        {
            reason = e.Message;
        }
        catch (Exception e)
        {
            // A bug: caught once here, at the connection's edge, so that one station cannot take the gateway down.
            logger.ConnectionFailed(connection.ConnectionId, e);
            reason = "internal error";
        }
        finally
        {
            links.Closed(session);
            guard.Close(address);
            metrics.ConnectionClosed();
            logger.ConnectionClosed(connection.ConnectionId, reason);
        }
    }

    private async Task<string> ServeAsync(ConnectionContext connection, StationSession session)
    {
        var settings = options.Value;
        var reader = new Hj212FrameReader(new Hj212FrameReaderOptions { MaxSegmentLength = settings.MaxSegmentLength, CrcMode = Hj212CrcMode.Off });
        var decoder = new Hj212Decoder();
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        var consecutiveErrors = 0;
        while (true)
        {
            ReadResult read;
            timeout.CancelAfter(session.Pending > 0 ? settings.FrameTimeout : settings.IdleTimeout);
            try
            {
                read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested)
            {
                return session.Pending > 0 ? "a frame took too long to arrive (slow sender)" : "idle";
            }

            if (!timeout.TryReset())
            {
                return "closed";
            }

            var buffer = read.Buffer;
            while (true)
            {
                var start = buffer;
                if (!reader.TryRead(ref buffer, read.IsCompleted, out var frame))
                {
                    break;
                }

                var raw = start.Slice(0, frame.Length).ToArray();
                // The frame's segment is only valid until the next read, so it is decoded here, before any await.
                var decoded = frame.Error is null ? decoder.Decode(frame) : default;
                var ok = await HandleAsync(session, frame.Error, raw, frame.Segment.Length, decoded, connection.ConnectionClosed).ConfigureAwait(false);
                consecutiveErrors = ok ? 0 : consecutiveErrors + 1;
                if (consecutiveErrors >= MaxConsecutiveErrors)
                {
                    input.AdvanceTo(buffer.Start);
                    return $"{MaxConsecutiveErrors} bad frames in a row: not an HJ 212 stream";
                }
            }

            session.Pending = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return "closed by the station";
            }
        }
    }

    // Everything up to the store is done here, synchronously; only what must wait (the queue, the reply) is awaited,
    // in methods that keep no more than they need, so that a frame waiting for its commit holds its archive record and
    // readings but not its decoded packet.
    private ValueTask<bool> HandleAsync(
        StationSession session, Hj212Error? framing, byte[] raw, int segmentLength, Hj212DecodeResult decoded, CancellationToken cancellation)
    {
        if (framing is not null || !decoded.Success)
        {
            var error = framing ?? decoded.Error!;
            logger.BadFrame(session.Connection, error.Offset, error.Code.Name(), error.Message);
            return RejectAsync(session, null, null, error.Code.Name(), raw, cancellation);
        }

        var packet = decoded.Packet!;
        var station = stations.Find(packet.Mn);
        if (!CrcAccepted(raw, segmentLength, station?.Profile.Crc ?? CrcMode.Standard))
        {
            logger.BadFrame(session.Connection, decoded.Offset, "crc-mismatch", $"checksum of MN {packet.Mn} does not match");
            return RejectAsync(session, packet.Mn, packet.Cn, Hj212ErrorCode.CrcMismatch.Name(), raw, cancellation);
        }

        if (station is null || !stations.Authenticate(station, System.Text.Encoding.UTF8.GetBytes(packet.Password ?? "")))
        {
            return RefuseAsync(session, packet, station, raw, cancellation);
        }

        var kind = PacketMapper.KindOf(packet.Cn);
        var target = session.Target = new Hj212Target(packet.Mn, packet.Password ?? "", packet.St, packet.Version);
        if (links.Seen(station.Mn, session, kind is not null) is { } previous)
        {
            logger.StationMoved(station.Mn, session.RemoteEndPoint, previous);
        }

        metrics.Frame("ok");
        if (kind is not { } dataKind)
        {
            return AnswerAsync(session, station, target, packet, raw, cancellation);
        }

        var (readings, dropped) = PacketMapper.Map(packet, station, dataKind, time.GetUtcNow() + options.Value.MaxFutureSkew);
        if (dropped is not null)
        {
            logger.ReadingsDropped(station.Mn, packet.Fields.Count, dropped);
        }

        var frame = new ArchivedFrame(time.GetUtcNow(), session.Remote, session.Connection, packet.Mn, packet.Cn, "ok", raw);
        return StoreAsync(session, frame, readings, packet.ReplyRequired ? Hj212Replies.DataAnswer(packet) : null, cancellation);
    }

    private async ValueTask<bool> StoreAsync(StationSession session, ArchivedFrame frame, List<Reading> readings, Hj212Packet? reply, CancellationToken cancellation)
    {
        await queue.WriteAndWaitAsync(frame, readings, session.Durable, cancellation).ConfigureAwait(false);
        if (reply is not null)
        {
            await session.SendAsync(reply, cancellation).ConfigureAwait(false);
        }

        return true;
    }

    private async ValueTask<bool> RejectAsync(StationSession session, string? mn, string? cn, string outcome, byte[] raw, CancellationToken cancellation)
    {
        await ArchiveAsync(session, mn, cn, outcome, raw, cancellation).ConfigureAwait(false);
        return false;
    }

    private async ValueTask<bool> RefuseAsync(StationSession session, Hj212Packet packet, Station? station, byte[] raw, CancellationToken cancellation)
    {
        var outcome = station is null ? "unknown-mn" : "wrong-pw";
        if (station is null)
        {
            logger.UnknownStation(session.Connection, session.RemoteEndPoint, packet.Mn);
        }
        else
        {
            logger.WrongPassword(session.Connection, session.RemoteEndPoint, packet.Mn);
        }

        metrics.Rejected(outcome);
        await ArchiveAsync(session, packet.Mn, packet.Cn, outcome, raw, cancellation).ConfigureAwait(false);
        if (packet.ReplyRequired && Hj212Commands.IsKnown(System.Text.Encoding.ASCII.GetBytes(packet.Cn), packet.Version) && PacketMapper.KindOf(packet.Cn) is null)
        {
            // A request that expects an answer gets QnRtn 4 (wrong MN) or 3 (wrong PW); uploads get nothing.
            await session.SendAsync(Hj212Replies.RequestAnswer(packet, station is null ? Hj212RequestResult.WrongMn : Hj212RequestResult.WrongPassword), cancellation)
                .ConfigureAwait(false);
        }

        if (guard.Failed(session.Address))
        {
            throw new OperationCanceledException("too many failed authentications from this address");
        }

        return false;
    }

    // Commands that carry no readings: archived, then answered as the command asks.
    private async ValueTask<bool> AnswerAsync(StationSession session, Station station, Hj212Target target, Hj212Packet packet, byte[] raw, CancellationToken cancellation)
    {
        await ArchiveAsync(session, packet.Mn, packet.Cn, "ok", raw, cancellation).ConfigureAwait(false);
        switch (packet.Cn)
        {
            case Hj212Commands.Heartbeat when packet.ReplyRequired:
                await session.SendAsync(Hj212Replies.DataAnswer(packet), cancellation).ConfigureAwait(false);
                break;
            case Hj212Commands.TimeCalibrationRequest:
                // HJ 212-2017 §6.6.4: the platform answers the notice, then sets the station's clock.
                await session.SendAsync(Hj212Replies.NoticeAnswer(packet), cancellation).ConfigureAwait(false);
                await session.SendAsync(Hj212Requests.SetTime(target, session.NextQn(time.GetUtcNow()), time.GetUtcNow()), cancellation)
                    .ConfigureAwait(false);
                break;
            case Hj212Commands.RequestAnswer or Hj212Commands.ExecutionResult:
                if (!session.Answered(packet))
                {
                    logger.UnexpectedAnswer(station.Mn, packet.Cn, packet.Qn);
                }

                break;
            case Hj212Commands.RunningState or Hj212Commands.RunTimeDayData or Hj212Commands.RestartTime when packet.ReplyRequired:
                await session.SendAsync(Hj212Replies.DataAnswer(packet), cancellation).ConfigureAwait(false);
                break;
        }

        return true;
    }

    // The reader checked only that the four digits are hex; here the checksum is compared as the station's profile
    // says. A frame starts with "##" and four length digits, so its segment is raw[6..^(4 CRC digits + tail)].
    private static bool CrcAccepted(byte[] raw, int segmentLength, CrcMode mode)
    {
        if (mode == CrcMode.Off)
        {
            return true;
        }

        var at = 6 + segmentLength;
        if (raw.Length < at + 4 || !ushort.TryParse(raw.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sent))
        {
            return false;
        }

        var segment = raw.AsSpan(6, segmentLength);
        return sent == Hj212Crc.Compute(segment) || (mode == CrcMode.Modbus && sent == Hj212Crc.ComputeModbusAsPrinted(segment));
    }

    private async Task ArchiveAsync(StationSession session, string? mn, string? cn, string outcome, byte[] raw, CancellationToken cancellation)
    {
        if (outcome != "ok")
        {
            metrics.Frame(outcome);
        }

        await queue.WriteAsync(new ArchivedFrame(time.GetUtcNow(), session.Remote, session.Connection, mn, cn, outcome, raw), cancellation)
            .ConfigureAwait(false);
    }
}
