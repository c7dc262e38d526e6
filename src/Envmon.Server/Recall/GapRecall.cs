using Envmon.Hj212.Codes;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Server.Downlink;
using Envmon.Server.Ingestion;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Recall;

/// <summary>
/// Gap recall (补数): every <see cref="GatewayOptions.RecallScanInterval"/>, for each connected station, finds the
/// minute and hour intervals its profile says it sends that are missing within the look-back (and settled: past
/// their end by <see cref="GatewayOptions.RecallSettle"/>), and asks the station to send the oldest run again, one
/// recall per station at a time, at most <see cref="GatewayOptions.MaxConcurrentRecalls"/> at once, each interval at
/// most <see cref="GatewayOptions.MaxRecallAttempts"/> times, and not while the ingest queue is more than a quarter
/// full. Every recall, and what became of it, is recorded.
/// </summary>
internal sealed class GapRecall(
    GapTracker tracker,
    IngestQueue queue,
    ConnectionTable links,
    StationRegistry stations,
    StationRequests requests,
    EnvmonStore store,
    GatewayMetrics metrics,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<GapRecall> logger) : BackgroundService
{
    private readonly Dictionary<(string Mn, DataKind Kind, long Interval), int> _attempts = [];
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RecallGaps)
        {
            return;
        }

        await Task.Run(() =>
        {
            foreach (var (mn, kind, start) in store.Intervals(time.GetUtcNow() - settings.RecallLookback))
            {
                tracker.Seen(mn, kind, start);
            }
        }, stoppingToken).ConfigureAwait(false);
        using var concurrency = new SemaphoreSlim(settings.MaxConcurrentRecalls);
        using var timer = new PeriodicTimer(settings.RecallScanInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Scan(concurrency, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.GapScanFailed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await Task.WhenAll(Running()).ConfigureAwait(false);
        }
    }

    private Task[] Running()
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            return [.. _running];
        }
    }

    private void Scan(SemaphoreSlim concurrency, CancellationToken cancellation)
    {
        var settings = options.Value;
        if (queue.Depth > settings.QueueCapacity / 4)
        {
            // The store is behind: recalled data would only add to the queue. The next scan tries again.
            return;
        }

        var now = time.GetUtcNow();
        foreach (var link in links.Links.Where(l => l.Connected && l.Session.Target is not null))
        {
            if (stations.Find(link.Mn) is not { } station)
            {
                continue;
            }

            var kinds = new List<DataKind>(2);
            if (station.Profile.MinuteInterval is not null)
            {
                kinds.Add(DataKind.Minute);
            }

            if (station.Profile.SendsHourly)
            {
                kinds.Add(DataKind.Hour);
            }

            foreach (var kind in kinds)
            {
                var step = GapTracker.Step(kind);
                var lastDue = now - settings.RecallSettle - step;
                var window = tracker.Missing(link.Mn, kind, now - settings.RecallLookback, lastDue)
                    .SelectMany(run => Split(run, settings.MaxRecallWindow.Ticks / step.Ticks))
                    .Select(run => (run.First, run.Last, Asked: Asked(link.Mn, kind, run)))
                    .FirstOrDefault(run => run.Asked < settings.MaxRecallAttempts);
                if (window == default || !TryStart(link.Mn))
                {
                    continue;
                }

                var task = RecallAsync(link.Mn, kind, window.First, window.Last, concurrency, cancellation);
                lock (_running)
                {
                    _running.Add(task);
                }

                break;
            }
        }
    }

    // How often the least-asked interval of the run has been asked for.
    private int Asked(string mn, DataKind kind, (long First, long Last) run)
    {
        lock (_attempts)
        {
            var fewest = int.MaxValue;
            for (var i = run.First; i <= run.Last; i++)
            {
                fewest = Math.Min(fewest, _attempts.GetValueOrDefault((mn, kind, i)));
            }

            return fewest;
        }
    }

    private static IEnumerable<(long First, long Last)> Split((long First, long Last) run, long longest)
    {
        for (var first = run.First; first <= run.Last; first += longest)
        {
            yield return (first, Math.Min(run.Last, first + longest - 1));
        }
    }

    private bool TryStart(string mn)
    {
        lock (_busy)
        {
            return _busy.Add(mn);
        }
    }

    private async Task RecallAsync(string mn, DataKind kind, long first, long last, SemaphoreSlim concurrency, CancellationToken cancellation)
    {
        try
        {
            await concurrency.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                lock (_attempts)
                {
                    for (var i = first; i <= last; i++)
                    {
                        _attempts[(mn, kind, i)] = _attempts.GetValueOrDefault((mn, kind, i)) + 1;
                    }

                    _attempts.Keys.Where(k => k.Mn == mn && k.Kind == kind && k.Interval < first - (options.Value.RecallLookback.Ticks / GapTracker.Step(kind).Ticks))
                        .ToList().ForEach(k => _attempts.Remove(k));
                }

                var step = GapTracker.Step(kind);
                await RecallWindowAsync(mn, kind, new DateTimeOffset(first * step.Ticks, TimeSpan.Zero), new DateTimeOffset(last * step.Ticks, TimeSpan.Zero),
                    "gap", (int)(last - first + 1), cancellation).ConfigureAwait(false);
            }
            finally
            {
                concurrency.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_busy)
            {
                _busy.Remove(mn);
            }
        }
    }

    /// <summary>Asks <paramref name="mn"/> for its <paramref name="kind"/> data from <paramref name="begin"/> to <paramref name="end"/> and records the recall.</summary>
    public async Task<RecallRecord> RecallWindowAsync(
        string mn, DataKind kind, DateTimeOffset begin, DateTimeOffset end, string reason, int missing, CancellationToken cancellation)
    {
        var cn = kind switch
        {
            DataKind.Minute => Hj212Commands.MinuteData,
            DataKind.Hour => Hj212Commands.HourData,
            DataKind.Day => Hj212Commands.DayData,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "real-time data cannot be recalled"),
        };
        var requested = time.GetUtcNow();
        var result = await requests.SendAsync(mn, (target, qn) => Hj212Requests.Recall(target, qn, cn, begin, end), cancellation).ConfigureAwait(false);
        var outcome = Outcome(result.Outcome);
        var record = new RecallRecord(requested, mn, kind, begin, end, reason, outcome, result.Qn, result.Attempts, missing);
        await Task.Run(() => store.RecordRecall(record), CancellationToken.None).ConfigureAwait(false);
        metrics.Recall(outcome);
        return record;
    }

    private static string Outcome(DownlinkOutcome outcome) => outcome switch
    {
        DownlinkOutcome.Executed => "executed",
        DownlinkOutcome.Failed => "failed",
        DownlinkOutcome.Refused => "refused",
        DownlinkOutcome.NoAnswer => "no-answer",
        DownlinkOutcome.NoResult => "no-result",
        DownlinkOutcome.NotConnected => "not-connected",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
