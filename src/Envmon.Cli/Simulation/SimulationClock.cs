namespace Envmon.Cli.Simulation;

/// <summary>
/// Simulated time: it starts at <see cref="Start"/> (in the past, to fill in history) and runs <see cref="Speed"/>
/// times faster than the wall clock until it catches up with it; from then on it is the wall clock, so stations never
/// send data from the future.
/// </summary>
internal sealed class SimulationClock(TimeProvider time, DateTimeOffset start, double speed)
{
    private readonly long _origin = time.GetTimestamp();

    public DateTimeOffset Start { get; } = start;

    public double Speed { get; } = speed;

    public DateTimeOffset Now
    {
        get
        {
            var fast = Start + (time.GetElapsedTime(_origin) * Speed);
            var wall = time.GetUtcNow();
            return fast < wall ? fast : wall;
        }
    }

    /// <summary>Waits until simulated time reaches <paramref name="instant"/>.</summary>
    public Task WaitUntilAsync(DateTimeOffset instant, CancellationToken cancellation)
    {
        var fast = (instant - Now) / Speed;
        var real = instant - time.GetUtcNow();
        var wait = fast > real ? fast : real;
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellation) : Task.CompletedTask;
    }
}
