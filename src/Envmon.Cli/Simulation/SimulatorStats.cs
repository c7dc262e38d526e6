using System.Collections.Concurrent;

namespace Envmon.Cli.Simulation;

/// <summary>What the simulated stations did, and the ground truth of every fault injected.</summary>
internal sealed class SimulatorStats
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly ConcurrentQueue<string> _faults = new();
    private long _sent;
    private long _acknowledged;
    private long _resent;
    private long _unacknowledged;
    private long _connections;
    private long _recalls;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Resent => Interlocked.Read(ref _resent);

    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Recalls (补数) the platform sent and the stations answered.</summary>
    public long Recalls => Interlocked.Read(ref _recalls);

    public IReadOnlyCollection<string> Faults => _faults;

    public void FrameSent() => Interlocked.Increment(ref _sent);

    public void Acknowledgement(TimeSpan latency)
    {
        Interlocked.Increment(ref _acknowledged);
        _latencies.Enqueue(latency.TotalMilliseconds);
    }

    public void Resend() => Interlocked.Increment(ref _resent);

    public void GaveUp() => Interlocked.Increment(ref _unacknowledged);

    public void Recalled() => Interlocked.Increment(ref _recalls);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected() => Interlocked.Decrement(ref _connections);

    /// <summary>Records an injected fault as one JSON line: when (simulated), which station, what.</summary>
    public void Fault(DateTimeOffset at, string mn, string kind, string detail)
        => _faults.Enqueue($"{{\"time\":\"{at:O}\",\"mn\":\"{mn}\",\"fault\":\"{kind}\",\"detail\":\"{detail}\"}}");

    /// <summary>
    /// The acknowledgements since the last call: how many, and their p50, p99 and maximum latency in ms (null when
    /// none came). Progress reports use it, so each line shows the current load, not the start-up.
    /// </summary>
    public (int Count, double? P50, double? P99, double? Max) TakeWindow()
    {
        var window = new List<double>();
        while (_latencies.TryDequeue(out var latency))
        {
            window.Add(latency);
        }

        if (window.Count == 0)
        {
            return (0, null, null, null);
        }

        window.Sort();
        double At(double fraction) => window[Math.Min(window.Count - 1, (int)Math.Ceiling(fraction * window.Count) - 1)];
        return (window.Count, At(0.5), At(0.99), window[^1]);
    }
}
