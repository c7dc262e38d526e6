using System.Net;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>Runs a fleet of simulated stations against one gateway until cancelled, from <c>history</c> ago at <c>speed</c>, then live.</summary>
internal sealed class Simulator(IReadOnlyList<FleetStation> fleet, IPEndPoint target, double speed, TimeSpan history, FaultSpec faults)
{
    public SimulatorStats Stats { get; } = new();

    public SimulationClock Clock { get; } = new(TimeProvider.System, TimeProvider.System.GetUtcNow() - history, speed);

    public IReadOnlyList<FleetStation> Fleet => fleet;

    public async Task RunAsync(CancellationToken cancellation)
    {
        var stations = fleet.Select(s => new SimulatedStation(new StationModel(s), target, Clock, faults, Stats)).ToList();

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

    /// <summary>One line of progress: connections, frames, acknowledgements, resends, p99 reply latency.</summary>
    public string Progress()
        => $"stations {fleet.Count} ({fleet.Count(s => s.Network.IsAir())} air), connected {Stats.Connections}, frames sent {Stats.Sent}, "
            + $"acknowledged {Stats.Acknowledged}, resent {Stats.Resent}, unacknowledged {Stats.Unacknowledged}, "
            + $"p99 reply {Stats.Percentile(0.99)?.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, faults {Stats.Faults.Count}";
}
