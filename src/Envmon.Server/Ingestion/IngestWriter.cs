using Envmon.Monitoring.Readings;
using Envmon.Server.Indicators;
using Envmon.Server.Quality;
using Envmon.Server.Recall;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Ingestion;

/// <summary>
/// The single writer: takes what the queue holds (up to <see cref="GatewayOptions.MaxBatchFrames"/>), commits it in
/// one transaction (group commit), then releases the connections waiting for it, which only then send their 9014.
/// Committed minute and hour intervals go to the <see cref="GapTracker"/>, hourly readings to the automatic QC (<see cref="QcRunner"/>) and the <see cref="AirRollup"/> (whose changes the <see cref="IndicatorWriter"/> stores) and <see cref="SectionRollup"/>. A failed commit fails its waiters: they send no reply, so the stations resend. On shutdown it drains the queue.
/// </summary>
internal sealed class IngestWriter(
    IngestQueue queue, EnvmonStore store, GapTracker gaps, AirRollup air, SectionRollup sections, IndicatorWriter indicators, QcRunner quality, GatewayMetrics metrics, IOptions<GatewayOptions> options, ILogger<IngestWriter> logger)
    : BackgroundService
{
    // The committed readings of a batch, handed on after its commit; the lists are kept for the next batch, emptied (the
    // receivers copy what they keep).
    private readonly List<Reading> _readings = [];
    private readonly List<(Reading, DateTimeOffset)> _received = [];

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop ends when the queue is completed and empty, not on the token: what was accepted gets written.
        var batch = new IngestBatch();
        var items = new List<IngestItem>(options.Value.MaxBatchFrames);
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (items.Count < options.Value.MaxBatchFrames && reader.TryRead(out var item))
            {
                items.Add(item);
                batch.Add(item.Frame, item.Readings);
            }

            await Task.Run(() => Commit(batch, items), CancellationToken.None).ConfigureAwait(false);
            batch.Clear();
            items.Clear();
        }
    }

    private void Commit(IngestBatch batch, List<IngestItem> items)
    {
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var result = store.Commit(batch);
            metrics.Committed(result.Inserted, result.Duplicates, result.Revisions, TimeProvider.System.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics.CommitFailed();
            logger.CommitFailed(items.Count, e);
            foreach (var item in items)
            {
                item.Durable?.Failed(e);
            }

            return;
        }

        foreach (var item in items)
        {
            foreach (var reading in item.Readings)
            {
                _readings.Add(reading);
                _received.Add((reading, item.Frame.Received));
            }
        }

        try
        {
            indicators.Enqueue(air.Add(_readings), sections.Add(_readings), _readings);
            quality.Add(_received);
        }
        finally
        {
            _readings.Clear();
            _received.Clear();
        }

        var now = TimeProvider.System.GetTimestamp();
        foreach (var item in items)
        {
            Track(item);
            item.Durable?.Committed();
            metrics.IngestLatency(TimeProvider.System.GetElapsedTime(item.Arrived, now));
        }
    }

    private void Track(IngestItem item)
    {
        (DataKind Kind, DateTimeOffset Time)? previous = null;
        foreach (var reading in item.Readings)
        {
            if (reading.Kind is DataKind.Minute or DataKind.Hour && previous != (reading.Kind, reading.Time))
            {
                gaps.Seen(reading.Mn, reading.Kind, reading.Time);
                previous = (reading.Kind, reading.Time);
            }
        }
    }
}
