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

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Resent => Interlocked.Read(ref _resent);

    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    public long Connections => Interlocked.Read(ref _connections);

    public IReadOnlyCollection<string> Faults => _faults;

    public void FrameSent() => Interlocked.Increment(ref _sent);

    public void Acknowledgement(TimeSpan latency)
    {
        Interlocked.Increment(ref _acknowledged);
        _latencies.Enqueue(latency.TotalMilliseconds);
    }

    public void Resend() => Interlocked.Increment(ref _resent);

    public void GaveUp() => Interlocked.Increment(ref _unacknowledged);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected() => Interlocked.Decrement(ref _connections);

    /// <summary>Records an injected fault as one JSON line: when (simulated), which station, what.</summary>
    public void Fault(DateTimeOffset at, string mn, string kind, string detail)
        => _faults.Enqueue($"{{\"time\":\"{at:O}\",\"mn\":\"{mn}\",\"fault\":\"{kind}\",\"detail\":\"{detail}\"}}");

    /// <summary>The latency below which <paramref name="fraction"/> of acknowledgements came, in ms, or null.</summary>
    public double? Percentile(double fraction)
    {
        var sorted = _latencies.ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
