using System.Collections.Concurrent;
using Envmon.Monitoring.Stations;

namespace Envmon.Server.Ingestion;

/// <summary>What the gateway knows of a station's link: where it is connected from and when it was last heard.</summary>
internal sealed class StationLink(string mn, StationSession session, DateTimeOffset since)
{
    public string Mn { get; } = mn;

    /// <summary>The connection the station was last heard on (it may have closed since: see <see cref="Connected"/>).</summary>
    public StationSession Session { get; set; } = session;

    public string Connection => Session.Connection;

    public string Remote => Session.Remote;

    public DateTimeOffset ConnectedSince { get; set; } = since;

    public DateTimeOffset LastSeen { get; set; } = since;

    public DateTimeOffset? LastData { get; set; }

    public bool Connected { get; set; } = true;
}

/// <summary>
/// Which MN is on which connection, with last-seen and last-data times. A station is online while it is connected
/// and has been heard within twice its expected cadence (at least two minutes): a silent socket counts as offline.
/// </summary>
internal sealed class ConnectionTable(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StationLink> _links = new(StringComparer.Ordinal);

    public IEnumerable<StationLink> Links => _links.Values;

    /// <summary>Records a frame of <paramref name="mn"/> on <paramref name="session"/>; returns the previous remote when the station moved to another address.</summary>
    public string? Seen(string mn, StationSession session, bool data)
    {
        var now = time.GetUtcNow();
        string? moved = null;
        session.Stations.TryAdd(mn, true);
        var link = _links.GetOrAdd(mn, static (mn, first) => new StationLink(mn, first.Session, first.Now), (Session: session, Now: now));
        lock (link)
        {
            if (link.Session != session)
            {
                if (!link.Session.Address.Equals(session.Address))
                {
                    moved = link.Remote;
                }

                link.Session = session;
                link.ConnectedSince = now;
            }

            link.Connected = true;
            link.LastSeen = now;
            link.LastData = data ? now : link.LastData;
        }

        return moved;
    }

    /// <summary>The connection closed: the stations it carried are disconnected, unless they have moved to another since.</summary>
    public void Closed(StationSession session)
    {
        foreach (var mn in session.Stations.Keys)
        {
            if (_links.TryGetValue(mn, out var link))
            {
                lock (link)
                {
                    if (link.Session == session)
                    {
                        link.Connected = false;
                    }
                }
            }
        }
    }

    public StationLink? Find(string mn) => _links.GetValueOrDefault(mn);

    public bool IsOnline(StationLink link, Station? station)
    {
        var cadence = station?.Profile.ExpectedCadence ?? TimeSpan.FromMinutes(1);
        var grace = TimeSpan.FromTicks(Math.Max(cadence.Ticks * 2, TimeSpan.FromMinutes(2).Ticks));
        return link.Connected && time.GetUtcNow() - link.LastSeen <= grace;
    }
}
