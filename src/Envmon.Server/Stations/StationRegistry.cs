using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Envmon.Monitoring.Stations;
using Envmon.Storage;

namespace Envmon.Server.Stations;

/// <summary>
/// The registered stations, in memory (the gateway looks one up per frame), saved to the store on every change.
/// Passwords are verified against their PBKDF2 hash once; the SHA-256 of a verified PW is then remembered, so the
/// next frames of the station cost one hash and a constant-time comparison.
/// </summary>
internal sealed class StationRegistry
{
    private readonly EnvmonStore _store;
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Station> _stations;

    public StationRegistry(EnvmonStore store)
    {
        _store = store;
        _stations = store.Stations().ToFrozenDictionary(s => s.Mn, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Station> All => _stations.Values;

    /// <summary>Raised by every <see cref="Save"/>: what depends on the whole registry (QC neighbours) rebuilds when it changes.</summary>
    public int Version { get; private set; }

    public Station? Find(string mn) => _stations.GetValueOrDefault(mn);

    /// <summary>The station <paramref name="mn"/> if <paramref name="actor"/> may see it, else null (unknown and out of scope look the same).</summary>
    public Station? Find(string mn, Access.Actor actor) => Find(mn) is { } station && actor.Sees(station) ? station : null;

    /// <summary>The stations <paramref name="actor"/> may see.</summary>
    public IEnumerable<Station> Visible(Access.Actor actor) => actor.SeesAll ? All : All.Where(actor.Sees);

    /// <summary>Adds or replaces stations; a replaced station's password must be verified again.</summary>
    public void Save(IReadOnlyCollection<Station> stations)
    {
        lock (_store)
        {
            _store.SaveStations(stations);
            var all = _stations.ToDictionary(StringComparer.Ordinal);
            foreach (var station in stations)
            {
                all[station.Mn] = station;
                _verified.TryRemove(station.Mn, out _);
            }

            _stations = all.ToFrozenDictionary(StringComparer.Ordinal);
            Version++;
        }
    }

    /// <summary>Whether <paramref name="password"/> is <paramref name="station"/>'s PW.</summary>
    public bool Authenticate(Station station, ReadOnlySpan<byte> password)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(password, digest);
        if (_verified.TryGetValue(station.Mn, out var known) && CryptographicOperations.FixedTimeEquals(digest, known))
        {
            return true;
        }

        if (!station.Password.Verify(password))
        {
            return false;
        }

        _verified[station.Mn] = digest.ToArray();
        return true;
    }
}
