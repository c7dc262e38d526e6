using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Dashboard;

/// <summary>
/// The dashboard's live updates (server-sent events): a subscriber first gets a <c>snapshot</c> of every map point in its
/// scope, then every <see cref="ServerOptions.LiveInterval"/> an <c>update</c> with the points that changed (a new hour's
/// AQI, a station going on- or offline), and an empty update at least every <see cref="KeepAlive"/> ticks so that proxies
/// keep the stream open. A subscriber that falls <see cref="Backlog"/> updates behind is dropped rather than buffered
/// without bound; the browser's EventSource reconnects and starts again from a snapshot, so nothing is skipped silently.
/// </summary>
internal sealed class LiveFeed(Overview overview, StationRegistry stations, IOptions<ServerOptions> options, TimeProvider time) : BackgroundService
{
    public const int Backlog = 8;
    public const int KeepAlive = 6;

    private readonly Lock _lock = new();
    private readonly List<(Actor Actor, Channel<MapPoint[]> Channel)> _subscribers = [];
    private Dictionary<string, MapPoint> _last = new(StringComparer.Ordinal);
    private int _quiet;

    public async IAsyncEnumerable<SseItem<MapPoint[]>> Subscribe(Actor actor, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<MapPoint[]>(new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var subscriber = (actor, channel);
        lock (_lock)
        {
            _subscribers.Add(subscriber);
        }

        try
        {
            yield return new SseItem<MapPoint[]>([.. overview.Points(actor)], "snapshot") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
            await foreach (var points in channel.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return new SseItem<MapPoint[]>(points, "update");
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    /// <summary>Compares every point with the last sent and sends what changed to each subscriber, filtered by its scope.</summary>
    public void Publish()
    {
        var now = overview.Points(Actor.System).ToDictionary(p => p.Mn, StringComparer.Ordinal);
        var changed = now.Values.Where(p => !_last.TryGetValue(p.Mn, out var old) || old != p).ToList();
        _last = now;
        if (changed.Count == 0 && ++_quiet < KeepAlive)
        {
            return;
        }

        _quiet = 0;
        lock (_lock)
        {
            foreach (var (actor, channel) in _subscribers)
            {
                MapPoint[] points = actor.SeesAll ? [.. changed] : [.. changed.Where(p => stations.Find(p.Mn, actor) is not null)];
                if (!channel.Writer.TryWrite(points))
                {
                    channel.Writer.TryComplete();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LiveInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Publish();
        }
    }
}
