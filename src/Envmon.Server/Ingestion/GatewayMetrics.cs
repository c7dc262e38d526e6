using System.Diagnostics.Metrics;

namespace Envmon.Server.Ingestion;

/// <summary>The gateway's instruments, on the one <c>Envmon</c> meter (exported at <c>/metrics</c>).</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Envmon";

    private readonly Counter<long> _frames;
    private readonly Counter<long> _readings;
    private readonly Counter<long> _rejected;
    private readonly UpDownCounter<long> _connections;
    private readonly Histogram<double> _ingestLatency;
    private readonly Counter<long> _commits;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _recalls;

    public GatewayMetrics(IMeterFactory meters, IngestQueue queue)
    {
        var meter = meters.Create(MeterName);
        _frames = meter.CreateCounter<long>("envmon.gateway.frames", "{frame}", "Frames read, by outcome (ok or the error code).");
        _readings = meter.CreateCounter<long>("envmon.store.readings", "{reading}", "Readings committed, by result (inserted, duplicate, revision).");
        _rejected = meter.CreateCounter<long>("envmon.gateway.rejected", "{frame}", "Frames of unknown stations or with a wrong password, by reason.");
        _connections = meter.CreateUpDownCounter<long>("envmon.gateway.connections", "{connection}", "Open station connections.");
        _ingestLatency = meter.CreateHistogram<double>("envmon.gateway.ingest_latency", "ms", "From a frame's arrival to its durable commit.");
        _commits = meter.CreateCounter<long>("envmon.store.commits", "{commit}", "Group commits, by result.");
        _commitDuration = meter.CreateHistogram<double>("envmon.store.commit_duration", "ms", "How long one group commit took, checkpoints included.");
        _recalls = meter.CreateCounter<long>("envmon.gateway.recalls", "{recall}", "Data recalls sent to stations, by outcome.");
        meter.CreateObservableGauge("envmon.gateway.queue_depth", () => queue.Depth, "{frame}", "Frames waiting for the writer.");
    }

    public void Frame(string outcome) => _frames.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void Committed(int inserted, int duplicates, int revisions, TimeSpan duration)
    {
        _commits.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        _commitDuration.Record(duration.TotalMilliseconds);
        _readings.Add(inserted, new KeyValuePair<string, object?>("result", "inserted"));
        _readings.Add(duplicates, new KeyValuePair<string, object?>("result", "duplicate"));
        _readings.Add(revisions, new KeyValuePair<string, object?>("result", "revision"));
    }

    public void Recall(string outcome) => _recalls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void CommitFailed() => _commits.Add(1, new KeyValuePair<string, object?>("result", "failed"));

    public void IngestLatency(TimeSpan latency) => _ingestLatency.Record(latency.TotalMilliseconds);
}
