using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Envmon.Hj212;
using Envmon.Hj212.Codes;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>
/// One data logger over a real TCP connection: at the end of every minute it uploads the minute's statistics (2051),
/// at the end of every hour the hour's (2061); a 2017 station asks for a 9014 and resends up to three times when it
/// does not come within the timeout; a 2005 station sends without QN and Flag and expects nothing. It answers the
/// platform's time setting (1012) with 9011 and 9012. When the link drops it reconnects with back-off. Like real
/// loggers, whose clocks and polling cycles differ, each sends a fixed delay after the interval ends, drawn once
/// per station from [0, <c>spread</c>) of simulated time.
/// </summary>
internal sealed class SimulatedStation(
    StationModel model, IPEndPoint target, SimulationClock clock, TimeSpan spread, FaultSpec faults, SimulatorStats stats) : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private const int Retries = 3;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _awaiting = new(StringComparer.Ordinal);
    private readonly Random _random = new(model.Station.Mn.GetHashCode(StringComparison.Ordinal));
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeSpan _delay = spread * new Random(model.Station.Mn.GetHashCode(StringComparison.Ordinal) ^ 0x5eed).NextDouble();
    private (string Kind, DateTimeOffset Until)? _episode;
    private decimal? _held;

    private FleetStation Station => model.Station;

    public void Dispose() => _sending.Dispose();

    private bool Is2005 => Station.Version == "2005";

    public async Task RunAsync(CancellationToken cancellation)
    {
        var step = Station.SendsMinutes ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        var next = Floor(clock.Now, step) + step;
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellation.IsCancellationRequested)
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(target, cancellation).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                continue;
            }

            backoff = TimeSpan.FromSeconds(1);
            stats.Connected();
            using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var output = PipeWriter.Create(stream);
            var listening = ListenAsync(PipeReader.Create(stream), output, link.Token);
            try
            {
                while (!link.IsCancellationRequested)
                {
                    await clock.WaitUntilAsync(next + _delay, link.Token).ConfigureAwait(false);
                    var end = next;
                    next += step;
                    if (Station.SendsMinutes)
                    {
                        await UploadAsync(output, Hj212Commands.MinuteData, end - step, link.Token).ConfigureAwait(false);
                    }

                    if (end.ToUnixTimeSeconds() % 3600 == 0)
                    {
                        await UploadAsync(output, Hj212Commands.HourData, end.AddHours(-1), link.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidOperationException)
            {
                // The link broke (or the run ends): reconnect, or stop on cancellation.
            }
            finally
            {
                await link.CancelAsync().ConfigureAwait(false);
                socket.Close();
                await listening.ConfigureAwait(false);
                stats.Disconnected();
            }
        }
    }

    // A live upload may suffer the injected faults; a resent one (live: false) goes as it is.
    private async Task UploadAsync(PipeWriter output, string cn, DateTimeOffset dataTime, CancellationToken cancellation, bool live = true)
    {
        if (live && faults.Happens("gap", _random))
        {
            stats.Fault(clock.Now, Station.Mn, "gap", $"{cn} {dataTime:O} not sent");
            return;
        }

        if (live && Station.Network.IsAir() && (_episode is not { } current || dataTime >= current.Until))
        {
            _episode = null;
            foreach (var (kind, hours, what) in Episodes)
            {
                if (faults.Happens(kind, _random))
                {
                    _episode = (kind, dataTime.AddHours(hours));
                    _held = null;
                    stats.Fault(clock.Now, Station.Mn, kind, $"{what} from {dataTime:O} until {dataTime.AddHours(hours):O}");
                    break;
                }
            }
        }

        var qn = clock.Now;
        var packet = Packet(cn, dataTime, qn);
        var frame = Hj212Encoder.EncodeFrame(packet);
        for (var attempt = 0; attempt <= Retries; attempt++)
        {
            var acknowledged = Is2005 ? null : Await(packet.Qn!);
            var started = TimeProvider.System.GetTimestamp();
            await SendAsync(output, live ? Faulty(frame, dataTime) : frame, cancellation).ConfigureAwait(false);
            stats.FrameSent();
            if (live && faults.Happens("disconnect", _random))
            {
                stats.Fault(clock.Now, Station.Mn, "disconnect", $"after {cn} {dataTime:O}");
                throw new IOException("injected disconnect");
            }

            if (acknowledged is null)
            {
                return;
            }

            try
            {
                await acknowledged.WaitAsync(ReplyTimeout, cancellation).ConfigureAwait(false);
                stats.Acknowledgement(TimeProvider.System.GetElapsedTime(started));
                return;
            }
            catch (TimeoutException)
            {
                _awaiting.TryRemove(packet.Qn!, out _);
                stats.Resend();
            }
        }

        stats.GaveUp();
    }

    private Task Await(string qn)
    {
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaiting[qn] = reply;
        return reply.Task;
    }

    private byte[] Faulty(byte[] frame, DateTimeOffset dataTime)
    {
        if (faults.Happens("badcrc", _random))
        {
            stats.Fault(clock.Now, Station.Mn, "badcrc", dataTime.ToString("O", CultureInfo.InvariantCulture));
            var copy = frame.ToArray();
            var at = copy.Length - 6;
            copy[at] = copy[at] == (byte)'0' ? (byte)'1' : (byte)'0';
            return copy;
        }

        if (faults.Happens("garbage", _random))
        {
            stats.Fault(clock.Now, Station.Mn, "garbage", "16 random bytes before the frame");
            var noise = new byte[16];
            _random.NextBytes(noise);
            return [.. noise, .. frame];
        }

        if (faults.Happens("duplicate", _random))
        {
            stats.Fault(clock.Now, Station.Mn, "duplicate", dataTime.ToString("O", CultureInfo.InvariantCulture));
            return [.. frame, .. frame];
        }

        return frame;
    }

    // The interference episodes of the live simulation: fault kind, hours, and what the ground-truth log says.
    private static readonly (string Kind, int Hours, string What)[] Episodes =
    [
        ("drop", 2, "pollutant values halved"), ("cover", 4, "inlet covered: PM at 5 %"), ("flat", 6, "PM2.5 held flat"),
        ("copy", 24, "values copied from the same hour of the day before"), ("substitute", 24, "PM10 channel carries SO2 x 8"),
    ];

    // A value as the episode under way changes it (the ground truth is in the fault log).
    private decimal Interfere(string? episode, string code, decimal value, IReadOnlyList<(string Code, decimal Value, int Decimals)> values) => episode switch
    {
        "drop" when code.StartsWith('a') => value * 0.5m,
        "cover" when code is "a34002" or "a34004" => value * 0.05m,
        "flat" when code == "a34004" => _held ??= value,
        "substitute" when code == "a34002" => values.First(v => v.Code == "a21026").Value * 8,
        _ => value,
    };

    private Hj212Packet Packet(string cn, DateTimeOffset dataTime, DateTimeOffset qn)
    {
        var episode = _episode is { } e && dataTime < e.Until ? e.Kind : null;
        var values = model.Values(episode == "copy" ? dataTime.AddDays(-1) : dataTime);
        var fields = new List<Hj212Field>(1 + (4 * values.Count)) { new(0, "DataTime", Hj212Time.Format(dataTime)) };
        var group = 1;
        foreach (var (code, value, decimals) in values)
        {
            var scaled = Math.Round(Interfere(episode, code, value, values), decimals);
            var keys = FactorKeys.Of(code);
            var text = scaled.ToString(FixedPoint[decimals], CultureInfo.InvariantCulture);
            if (Station.Network == Network.Noise)
            {
                fields.Add(new Hj212Field(group, keys.Data, text));
            }
            else
            {
                fields.Add(new Hj212Field(group, keys.Avg, text));
                fields.Add(new Hj212Field(group, keys.Min, Math.Round(scaled * 0.9m, decimals).ToString(CultureInfo.InvariantCulture)));
                fields.Add(new Hj212Field(group, keys.Max, Math.Round(scaled * 1.1m, decimals).ToString(CultureInfo.InvariantCulture)));
            }

            fields.Add(new Hj212Field(group, keys.Flag, "N"));
            group++;
        }

        return new Hj212Packet
        {
            Qn = Is2005 ? null : Hj212Time.FormatQn(qn),
            St = Station.Network.IsAir() ? Hj212SystemCodes.AmbientAir : Station.Network.IsWater() ? Hj212SystemCodes.SurfaceWater : Hj212SystemCodes.Noise,
            Cn = cn,
            Password = Station.Password,
            Mn = Station.Mn,
            Flag = Is2005 ? null : Hj212Flag.Compose(Hj212Version.V2017, replyRequired: true, split: false),
            Fields = fields,
        };
    }

    private static readonly string[] FixedPoint = ["F0", "F1", "F2", "F3", "F4"];

    // A factor's CP keys, made once for the whole run: every station sends the same keys every minute.
    private sealed record FactorKeys(string Avg, string Data, string Min, string Max, string Flag)
    {
        private static readonly ConcurrentDictionary<string, FactorKeys> Made = new(StringComparer.Ordinal);

        public static FactorKeys Of(string code)
            => Made.GetOrAdd(code, static c => new FactorKeys($"{c}-Avg", $"{c}-Data", $"{c}-Min", $"{c}-Max", $"{c}-Flag"));
    }

    private async Task SendAsync(PipeWriter output, byte[] frame, CancellationToken cancellation)
    {
        await _sending.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(frame, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    // Reads what the platform sends: 9014 answers release the upload waiting for them; a 1012 is executed.
    private async Task ListenAsync(PipeReader input, PipeWriter output, CancellationToken cancellation)
    {
        var reader = new Hj212FrameReader();
        var decoder = new Hj212Decoder();
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(cancellation).ConfigureAwait(false);
                var buffer = read.Buffer;
                var replies = new List<Hj212Packet>();
                while (reader.TryRead(ref buffer, read.IsCompleted, out var frame))
                {
                    if (decoder.Decode(frame) is { Success: true, Packet: { } packet })
                    {
                        replies.Add(packet);
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                foreach (var packet in replies)
                {
                    await OnPlatformPacketAsync(packet, output, cancellation).ConfigureAwait(false);
                }

                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task OnPlatformPacketAsync(Hj212Packet packet, PipeWriter output, CancellationToken cancellation)
    {
        if (packet.Cn == Hj212Commands.DataAnswer && packet.Qn is { } qn && _awaiting.TryRemove(qn, out var waiting))
        {
            waiting.TrySetResult();
        }
        else if (packet.Cn is Hj212Commands.MinuteData or Hj212Commands.HourData && packet.Find("BeginTime") is not null)
        {
            // A recall: answered off the listening loop, which must go on reading the 9014s of the resent data.
            _ = Task.Run(() => ResendAsync(packet, output, cancellation), cancellation);
        }
        else if (packet.Cn == Hj212Commands.SetTime && packet.ReplyRequired)
        {
            await SendAsync(output, Hj212Encoder.EncodeFrame(Hj212Replies.RequestAnswer(packet, Hj212RequestResult.Ready)), cancellation).ConfigureAwait(false);
            await SendAsync(output, Hj212Encoder.EncodeFrame(Hj212Replies.ExecutionResult(packet, Hj212ExecutionResult.Success)), cancellation).ConfigureAwait(false);
        }
    }

    // Answers a recall (补数): 9011, then every interval of [BeginTime, EndTime] uploaded again (a logger keeps what a
    // gap fault did not send), then 9012.
    private async Task ResendAsync(Hj212Packet request, PipeWriter output, CancellationToken cancellation)
    {
        try
        {
            var step = request.Cn == Hj212Commands.MinuteData ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
            var begin = Hj212Time.TryParse(System.Text.Encoding.ASCII.GetBytes(request.Find("BeginTime")?.Value ?? ""), out var from) ? from : (DateTimeOffset?)null;
            var end = Hj212Time.TryParse(System.Text.Encoding.ASCII.GetBytes(request.Find("EndTime")?.Value ?? ""), out var to) ? to : (DateTimeOffset?)null;
            var answer = begin is null || end is null ? Hj212RequestResult.Rejected : Hj212RequestResult.Ready;
            await SendAsync(output, Hj212Encoder.EncodeFrame(Hj212Replies.RequestAnswer(request, answer)), cancellation).ConfigureAwait(false);
            if (answer != Hj212RequestResult.Ready)
            {
                return;
            }

            stats.Recalled();
            for (var time = begin!.Value; time <= end!.Value && time < clock.Now; time += step)
            {
                await UploadAsync(output, request.Cn, time, cancellation, live: false).ConfigureAwait(false);
            }

            await SendAsync(output, Hj212Encoder.EncodeFrame(Hj212Replies.ExecutionResult(request, Hj212ExecutionResult.Success)), cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The link broke: the platform will ask again.
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan step) => new(time.UtcTicks - (time.UtcTicks % step.Ticks), TimeSpan.Zero);
}
