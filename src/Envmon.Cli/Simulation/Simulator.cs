using System.Globalization;
using System.Net;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>Runs a fleet of simulated stations against one gateway until cancelled, from <c>history</c> ago at <c>speed</c>, then live.</summary>
internal sealed class Simulator(IReadOnlyList<FleetStation> fleet, IPEndPoint target, double speed, TimeSpan history, TimeSpan spread, FaultSpec faults)
{
    private long _lastProgress = TimeProvider.System.GetTimestamp();

    public SimulatorStats Stats { get; } = new();

    public SimulationClock Clock { get; } = new(TimeProvider.System, TimeProvider.System.GetUtcNow() - history, speed);

    public IReadOnlyList<FleetStation> Fleet => fleet;

    public async Task RunAsync(CancellationToken cancellation)
    {
        var stations = fleet.Select(s => new SimulatedStation(new StationModel(s), target, Clock, spread, faults, Stats)).ToList();

        // Connections open over a few seconds, as loggers do after a platform restart, not all in one burst.
        var tasks = new List<Task>(stations.Count);
        for (var i = 0; i < stations.Count; i++)
        {
            tasks.Add(stations[i].RunAsync(cancellation));
            if (i % 200 == 199)
            {
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            }
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stations.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// One line of progress: connections, frames, acknowledgements, resends; and since the previous line, frames
    /// acknowledged per second and the reply latency (p50, p99, max).
    /// </summary>
    public string Progress()
    {
        var now = TimeProvider.System.GetTimestamp();
        var seconds = TimeProvider.System.GetElapsedTime(_lastProgress, now).TotalSeconds;
        _lastProgress = now;
        var (count, p50, p99, max) = Stats.TakeWindow();
        static string Ms(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";
        return $"stations {fleet.Count} ({fleet.Count(s => s.Network.IsAir())} air), connected {Stats.Connections}, frames sent {Stats.Sent}, "
            + $"acknowledged {Stats.Acknowledged}, resent {Stats.Resent}, unacknowledged {Stats.Unacknowledged}, recalls answered {Stats.Recalls}, faults {Stats.Faults.Count}; "
            + $"last {seconds.ToString("F0", CultureInfo.InvariantCulture)} s: {(count / seconds).ToString("F0", CultureInfo.InvariantCulture)} acknowledged/s, "
            + $"reply p50 {Ms(p50)} ms, p99 {Ms(p99)} ms, max {Ms(max)} ms";
    }
}
