using System.Globalization;
using Envmon.Monitoring.Interference;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Envmon.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Envmon.Server.Interference;

/// <summary>What one scan found.</summary>
public sealed record ScanView(DateTimeOffset From, DateTimeOffset To, int Stations, int Detections, int Opened);

/// <summary>
/// Runs the interference detectors over the stored hourly air data (seven days of context before the scanned
/// period) and the store-side rules (readings revised after first receipt; maintenance-flagged data without an
/// approved QA window and work order), and records what it finds as cases. Every day at 01:30 Beijing it scans the
/// day before; <see cref="Scan"/> scans any period (the API, <c>envmon cases scan</c>).
/// </summary>
internal sealed class InterferenceScanner(
    EnvmonStore store, StationRegistry stations, QcRunner quality, QaWindows windows, CaseBook cases, TimeProvider time, ILogger<InterferenceScanner> logger)
    : BackgroundService
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly Lock _scanning = new();

    public ScanView Scan(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_scanning)
        {
            var air = stations.All.Where(s => s.Network.IsAir()).OrderBy(s => s.Mn, StringComparer.Ordinal).ToList();
            var start = from.AddDays(-7);
            var hours = (int)Math.Ceiling((to - start).TotalHours);
            var matrix = store.HourlyValues([.. air.Select(s => s.Mn)], AirRollup.Pollutants, start, hours, ["N", ""]);
            var index = air.Select((s, i) => (s.Mn, i)).ToDictionary(x => x.Mn, x => x.i, StringComparer.Ordinal);
            var block = new HourlyBlock
            {
                Stations = matrix.Stations,
                Parameters = matrix.Parameters,
                Start = start,
                Hours = hours,
                Series = matrix.Series,
                Neighbours = [.. air.Select(s => quality.NeighboursOf(s).Where(n => index.ContainsKey(n.Mn)).Select(n => index[n.Mn]).ToArray())],
                ReportFrom = 7 * 24,
            };
            var detections = InterferenceDetectors.Run(block);
            detections.AddRange(StoreRules(from, to));
            var opened = cases.Record(detections);
            return new ScanView(from, to, air.Count, detections.Count, opened);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().ToOffset(Beijing);
            var next = new DateTimeOffset(now.Date, Beijing).AddHours(1.5);
            next = next > now ? next : next.AddDays(1);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
                var day = new DateTimeOffset(next.Date, Beijing).AddDays(-1);
                var result = await Task.Run(() => Scan(day, day.AddDays(1)), stoppingToken).ConfigureAwait(false);
                logger.InterferenceScanned(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result.Detections, result.Opened);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.InterferenceScanFailed(e);
            }
        }
    }

    // Rule 14 of quality.md §c.3 (values revised after first receipt: 3 or more in a station-day) and data flagged
    // as maintenance while no approved QA window with a work order covers it (办法 item 8).
    private IEnumerable<Detection> StoreRules(DateTimeOffset from, DateTimeOffset to)
    {
        var marked = store.MarkedHours(from, to);
        foreach (var day in marked.Where(h => h.Revised > 0).GroupBy(h => (h.Mn, Date: DateOnly.FromDateTime(h.Time.ToOffset(Beijing).DateTime))))
        {
            var revised = day.Sum(h => h.Revised);
            if (revised >= 3)
            {
                yield return new Detection(day.Key.Mn, "revised", [], day.Min(h => h.Time), day.Max(h => h.Time).AddHours(1), revised,
                    string.Create(CultureInfo.InvariantCulture, $"{day.Key.Date:yyyy-MM-dd} 有 {revised} 个数据在首次接收后被改写（修订保留在库）"));
            }
        }

        foreach (var hour in marked.Where(h => h.Maintenance > 0))
        {
            if (!windows.Of(hour.Mn, hour.Time, hour.Time.AddHours(1)).Any(w => w.WorkOrder is not null && w.Covers(hour.Time, TimeSpan.FromHours(1))))
            {
                yield return new Detection(hour.Mn, "maintenance-without-order", [], hour.Time, hour.Time.AddHours(1), hour.Maintenance,
                    "数据标记为维护（M），但无已批准的运维工单");
            }
        }
    }
}
