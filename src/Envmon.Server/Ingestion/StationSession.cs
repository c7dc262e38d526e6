using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Envmon.Hj212.Codes;
using Envmon.Hj212.Packets;

namespace Envmon.Server.Ingestion;

/// <summary>
/// One station connection as the rest of the server sees it: where it comes from, who authenticated on it (with the
/// clear password the station itself sent, kept in memory only, because requests to a station must carry it), one
/// writer at a time to its socket, and the platform requests waiting for their 9011 and 9012.
/// </summary>
internal sealed class StationSession(string connection, EndPoint? remote, IPAddress address, PipeWriter output) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingRequest> _requests = new(StringComparer.Ordinal);
    private long _lastQnTicks;

    public string Connection { get; } = connection;

    public EndPoint? RemoteEndPoint { get; } = remote;

    public string Remote { get; } = remote?.ToString() ?? "?";

    public IPAddress Address { get; } = address;

    /// <summary>The stations heard on this connection (a data concentrator may carry several).</summary>
    public ConcurrentDictionary<string, bool> Stations { get; } = new(StringComparer.Ordinal);

    /// <summary>The station last authenticated on this connection, as a request target, or null.</summary>
    public Hj212Target? Target { get; set; }

    /// <summary>What the connection waits on while its frame is committed.</summary>
    public CommitSignal Durable { get; } = new();

    /// <summary>Bytes of an incomplete frame waiting in the input.</summary>
    public long Pending { get; set; }

    /// <summary>Writes <paramref name="packet"/> as one frame; replies and platform requests never interleave.</summary>
    public async Task SendAsync(Hj212Packet packet, CancellationToken cancellation)
    {
        await _writing.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            Hj212Encoder.WriteFrame(packet, output);
            await output.FlushAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>A QN for a new request: the time, but never the same as the previous request's on this link.</summary>
    public DateTimeOffset NextQn(DateTimeOffset now)
    {
        var wanted = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond);
        while (true)
        {
            var last = Interlocked.Read(ref _lastQnTicks);
            var ticks = Math.Max(wanted, last + TimeSpan.TicksPerMillisecond);
            if (Interlocked.CompareExchange(ref _lastQnTicks, ticks, last) == last)
            {
                return new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }
    }

    /// <summary>Starts waiting for the answers to the request with <paramref name="qn"/>.</summary>
    public PendingRequest Expect(string qn) => _requests[qn] = new PendingRequest();

    public void Forget(string qn) => _requests.TryRemove(qn, out _);

    /// <summary>A 9011 or 9012 from the station: hands it to the request it answers. False when none waits for it.</summary>
    public bool Answered(Hj212Packet answer)
    {
        if (answer.Qn is not { } qn || !_requests.TryGetValue(qn, out var request))
        {
            return false;
        }

        var source = answer.Cn == Hj212Commands.RequestAnswer ? request.Answer : request.Result;
        return source.TrySetResult(answer);
    }

    /// <summary>The connection closed: nothing will answer now, and nothing more is sent.</summary>
    public void Dispose()
    {
        _writing.Dispose();
        foreach (var request in _requests.Values)
        {
            request.Answer.TrySetCanceled();
            request.Result.TrySetCanceled();
        }
    }
}

/// <summary>The answers a platform request waits for: the 9011 (accepted or refused) and the 9012 (executed).</summary>
internal sealed class PendingRequest
{
    public TaskCompletionSource<Hj212Packet> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Hj212Packet> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
