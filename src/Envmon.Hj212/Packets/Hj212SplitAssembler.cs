namespace Envmon.Hj212.Packets;

/// <summary>
/// Puts split packets (Flag bit D, PNUM/PNO) back together. Parts are matched by MN + CN + DataTime + PNUM, never by
/// QN, which differs per part (HJ 212-2017 C.50); they may arrive in any order and more than once. Memory is bounded
/// by <see cref="MaxPending"/> packets and <see cref="MaxPendingFields"/> fields in all; a packet that waits longer
/// than <see cref="Timeout"/> is given up. One assembler per station connection or per gateway; not thread-safe.
/// </summary>
public sealed class Hj212SplitAssembler(TimeProvider time, TimeSpan timeout, int maxPending = 64, int maxPendingFields = 65536)
{
    private readonly Dictionary<(string Mn, string Cn, string? DataTime, int Count), Pending> _pending = [];
    private int _pendingFields;

    /// <summary>How long the first part waits for the others.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>The most packets under assembly at once.</summary>
    public int MaxPending { get; } = maxPending;

    /// <summary>The most fields held in all packets under assembly.</summary>
    public int MaxPendingFields { get; } = maxPendingFields;

    /// <summary>How many packets are being assembled.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Adds a part. Returns the whole packet when this part completes it (its Flag without bit D, no PNUM/PNO, the
    /// groups of the parts in PNO order, the leading DataTime group that every part repeats kept once); the packet itself when it is not split;
    /// null while parts are missing or when the part was refused for lack of room (see <paramref name="refused"/>).
    /// </summary>
    public Hj212Packet? Add(Hj212Packet part, out bool refused)
    {
        refused = false;
        if (part.PacketCount is not int count || part.PacketNumber is not int number)
        {
            return part;
        }

        if (count == 1)
        {
            return Combine(part, [part]);
        }

        var key = (part.Mn, part.Cn, part.Find("DataTime")?.Value, count);
        if (!_pending.TryGetValue(key, out var pending))
        {
            if (_pending.Count >= MaxPending || _pendingFields + part.Fields.Count > MaxPendingFields)
            {
                refused = true;
                return null;
            }

            pending = new Pending(new Hj212Packet?[count], time.GetUtcNow());
            _pending[key] = pending;
        }

        if (pending.Parts[number - 1] is null)
        {
            if (_pendingFields + part.Fields.Count > MaxPendingFields)
            {
                refused = true;
                return null;
            }

            pending.Parts[number - 1] = part;
            pending.Received++;
            _pendingFields += part.Fields.Count;
        }

        if (pending.Received < count)
        {
            return null;
        }

        Remove(key, pending);
        return Combine(pending.Parts[0]!, Array.ConvertAll(pending.Parts, p => p!));
    }

    /// <summary>Gives up the packets that waited longer than <see cref="Timeout"/> and returns the parts received of each.</summary>
    public IReadOnlyList<IReadOnlyList<Hj212Packet>> Expire()
    {
        var now = time.GetUtcNow();
        var expired = new List<IReadOnlyList<Hj212Packet>>();
        foreach (var (key, pending) in _pending.Where(p => now - p.Value.Started >= Timeout).ToList())
        {
            Remove(key, pending);
            expired.Add(pending.Parts.OfType<Hj212Packet>().ToArray());
        }

        return expired;
    }

    private void Remove((string, string, string?, int) key, Pending pending)
    {
        _pending.Remove(key);
        _pendingFields -= pending.Parts.Sum(p => p?.Fields.Count ?? 0);
    }

    private static Hj212Packet Combine(Hj212Packet first, Hj212Packet[] parts)
    {
        var fields = new List<Hj212Field>();
        var group = -1;
        for (var p = 0; p < parts.Length; p++)
        {
            var groups = parts[p].Fields.GroupBy(f => f.Group).Select(g => g.ToArray()).ToList();
            var skip = p > 0 && groups.Count > 0 && Hj212Encoder.IsDataTimeGroup(groups[0]) ? 1 : 0;
            foreach (var g in groups.Skip(skip))
            {
                group++;
                fields.AddRange(g.Select(f => f with { Group = group }));
            }
        }

        return first with
        {
            Flag = first.Flag & ~Hj212Flag.Split,
            PacketCount = null,
            PacketNumber = null,
            Fields = fields,
            Warnings = parts.Aggregate(Hj212Warnings.None, (w, p) => w | p.Warnings),
        };
    }

    private sealed class Pending(Hj212Packet?[] parts, DateTimeOffset started)
    {
        public Hj212Packet?[] Parts { get; } = parts;

        public DateTimeOffset Started { get; } = started;

        public int Received { get; set; }
    }
}
