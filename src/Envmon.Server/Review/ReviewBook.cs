using System.Globalization;
using System.Text.Json;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Audit;
using Envmon.Storage.Quality;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Review;

/// <summary>
/// The three-level review (三级审核, docs/quality.md): marks that make readings valid or invalid, sign-offs of
/// station-days per level with deadlines, and monthly locks. Nothing edits a reading: a mark is a new decision over
/// a period, the highest level's newest decision applies, and the earlier ones stay. Every action is appended to the
/// audit log first; the book is rebuilt from it at start (<c>review.mark</c>, <c>review.sign</c>, <c>review.lock</c>,
/// <c>review.reopen</c>). After a mark, <see cref="Marked"/> tells the reviewed indicators what to recompute.
/// </summary>
internal sealed class ReviewBook
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly EnvmonStore _store;
    private readonly StationRegistry _stations;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<MarkEntry>> _marks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Mn, DateOnly Date, int Level), (string Actor, DateTimeOffset Time)> _signs = [];
    private readonly Dictionary<(string Month, string Scope), (int Level, bool Locked)> _locks = [];

    public ReviewBook(EnvmonStore store, StationRegistry stations, TimeProvider time, IOptions<ReviewOptions> options)
    {
        _store = store;
        _stations = stations;
        _time = time;
        Levels = options.Value.Levels.Count > 0 ? options.Value.Levels : ReviewOptions.DefaultLevels();
        foreach (var entry in store.AuditLog("review."))
        {
            Apply(entry);
        }
    }

    public IReadOnlyList<ReviewLevel> Levels { get; }

    /// <summary>Raised after a mark with the stations and the Beijing dates it touched.</summary>
    public event Action<IReadOnlyCollection<string>, IReadOnlyCollection<DateOnly>>? Marked;

    /// <summary>The level <paramref name="actor"/> reviews at (a province administrator at the highest), or −1.</summary>
    public int LevelOf(Actor actor)
    {
        var role = actor.Role == Role.ProvinceAdmin ? Levels[^1].Role : actor.Role;
        for (var i = Levels.Count - 1; i >= 0; i--)
        {
            if (Levels[i].Role == role)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The decision that applies to a reading, or null (automatic QC decides).</summary>
    public Decision? DecisionFor(string mn, string parameter, DataKind kind, DateTimeOffset time)
    {
        lock (_lock)
        {
            MarkEntry? best = null;
            if (_marks.TryGetValue(mn, out var marks))
            {
                foreach (var mark in marks)
                {
                    if (mark.Covers(parameter, kind, time) && (best is null || mark.Level > best.Level || (mark.Level == best.Level && mark.Entry > best.Entry)))
                    {
                        best = mark;
                    }
                }
            }

            return best is null ? null : new Decision(Levels[best.Level].Name, best.Valid, best.Reason, best.Actor, best.Entry);
        }
    }

    /// <summary>Whether any mark concerns <paramref name="mn"/> in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool HasMarks(string mn, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            return _marks.TryGetValue(mn, out var marks) && marks.Any(m => m.From < to && m.To > from);
        }
    }

    public Refusal? Mark(MarkRequest request, Actor actor)
    {
        var level = LevelOf(actor);
        if (level < 0)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "forbidden", $"role {actor.Role.Name()} does not review");
        }

        if (request.Decision is not ("valid" or "invalid"))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", $"decision \"{request.Decision}\" is not valid or invalid");
        }

        if (QcReasons.Find(request.Reason) is null)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", $"reason \"{request.Reason}\" is not in the catalogue (GET /api/v1/qc/reasons)");
        }

        var kind = DataKind.Hour;
        if (request.Kind is not null && !DataKinds.TryParse(request.Kind, out kind))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", $"kind \"{request.Kind}\" is not realtime, minute, hour or day");
        }

        if (request.To <= request.From || request.Stations.Length == 0)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", "a mark needs stations and a period whose end is after its start");
        }

        if (Check(request.Stations, actor, request.From, request.To) is { } refusal)
        {
            return refusal;
        }

        var record = new MarkRecord(Levels[level].Name, request.Stations, request.Parameters ?? [], kind.Name(), request.From, request.To, request.Decision == "valid",
            request.Reason, request.Comment);
        Apply(_store.Audit(actor.Name, "review.mark", Target(request.Stations), JsonSerializer.Serialize(record, ServerJson.Default.MarkRecord), _time.GetUtcNow()));
        var dates = new HashSet<DateOnly>();
        for (var day = Date(request.From); day <= Date(request.To.AddTicks(-1)); day = day.AddDays(1))
        {
            dates.Add(day);
        }

        Marked?.Invoke(request.Stations, dates);
        return null;
    }

    public Refusal? Sign(SignRequest request, Actor actor)
    {
        var level = LevelOf(actor);
        if (level < 0)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "forbidden", $"role {actor.Role.Name()} does not review");
        }

        var from = new DateTimeOffset(request.Date.ToDateTime(TimeOnly.MinValue), Beijing);
        if (Check(request.Stations, actor, from, from.AddDays(1)) is { } refusal)
        {
            return refusal;
        }

        lock (_lock)
        {
            var pending = request.Stations.Where(mn => !LowerSigned(_stations.Find(mn)!, request.Date, level)).ToList();
            if (pending.Count > 0)
            {
                return new Refusal(StatusCodes.Status409Conflict, "lower-level-pending", $"the lower level has not signed {request.Date:yyyy-MM-dd} off for {string.Join(", ", pending)}");
            }
        }

        var record = new LevelRecord(Levels[level].Name, request.Stations, request.Date, null, null, null);
        Apply(_store.Audit(actor.Name, "review.sign", Target(request.Stations), JsonSerializer.Serialize(record, ServerJson.Default.LevelRecord), _time.GetUtcNow()));
        return null;
    }

    public Refusal? Lock(LockRequest request, Actor actor)
    {
        var level = LevelOf(actor);
        if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", $"month \"{request.Month}\" is not yyyy-MM");
        }

        var scope = request.City ?? "province";
        if (level < 1 || (request.City is null && level < Levels.Count - 1) || (request.City is not null && !actor.SeesAll && actor.City != request.City))
        {
            return new Refusal(StatusCodes.Status403Forbidden, "forbidden", $"{actor.Role.Name()} cannot lock {scope}");
        }

        lock (_lock)
        {
            if (_locks.TryGetValue((request.Month, scope), out var current) && current.Locked)
            {
                return new Refusal(StatusCodes.Status409Conflict, "locked", $"{request.Month} of {scope} is locked already");
            }
        }

        var record = new LevelRecord(Levels[level].Name, [], null, request.Month, scope, null);
        Apply(_store.Audit(actor.Name, "review.lock", $"{request.Month}/{scope}", JsonSerializer.Serialize(record, ServerJson.Default.LevelRecord), _time.GetUtcNow()));
        return null;
    }

    public Refusal? Reopen(ReopenRequest request, Actor actor)
    {
        var scope = request.City ?? "province";
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "bad-request", "reopening needs a reason");
        }

        (int Level, bool Locked) current;
        lock (_lock)
        {
            if (!_locks.TryGetValue((request.Month, scope), out current) || !current.Locked)
            {
                return new Refusal(StatusCodes.Status404NotFound, "not-found", $"{request.Month} of {scope} is not locked");
            }
        }

        // A province administrator ranks above every review level.
        var rank = actor.Role == Role.ProvinceAdmin ? Levels.Count : LevelOf(actor);
        if (rank <= current.Level)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "forbidden", $"only a level above {Levels[current.Level].Name} reopens this lock");
        }

        var record = new LevelRecord(rank < Levels.Count ? Levels[rank].Name : "admin", [], null, request.Month, scope, request.Reason);
        Apply(_store.Audit(actor.Name, "review.reopen", $"{request.Month}/{scope}", JsonSerializer.Serialize(record, ServerJson.Default.LevelRecord), _time.GetUtcNow()));
        return null;
    }

    /// <summary>The locks in force: month and scope (a city code or <c>province</c>) with the level that locked.</summary>
    public IReadOnlyList<(string Month, string Scope, string Level)> Locks()
    {
        lock (_lock)
        {
            return [.. _locks.Where(l => l.Value.Locked).OrderBy(l => l.Key.Month, StringComparer.Ordinal).ThenBy(l => l.Key.Scope, StringComparer.Ordinal)
                .Select(l => (l.Key.Month, l.Key.Scope, Levels[Math.Min(l.Value.Level, Levels.Count - 1)].Name))];
        }
    }

    /// <summary>
    /// What waits at <paramref name="level"/> for <paramref name="date"/>: every station in the actor's scope that sent
    /// hourly data that day, with its received, suspect, failed and invalidated hours, and its sign-off and deadline.
    /// </summary>
    public IReadOnlyList<QueueRow> Queue(int level, DateOnly date, Actor actor)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Beijing);
        var to = from.AddDays(1);
        var hours = _store.StationTimes(DataKind.Hour, from, to);
        var flags = _store.Qc(new QcQuery(Kind: DataKind.Hour, From: from, To: to, AtLeast: QcLevel.Suspect))
            .GroupBy(r => r.Mn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Suspect: g.Where(r => r.Level == QcLevel.Suspect).Select(r => r.Time).Distinct().Count(),
                Fail: g.Where(r => r.Level == QcLevel.Fail).Select(r => r.Time).Distinct().Count()), StringComparer.Ordinal);
        var deadline = Levels[level].Deadline(date);
        var now = _time.GetUtcNow();
        var rows = new List<QueueRow>();
        lock (_lock)
        {
            foreach (var (mn, times) in hours.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (_stations.Find(mn) is not { } station || !actor.Sees(station) || (level == 0 && station.Operator is null))
                {
                    continue;
                }

                var invalidated = times.Count(t => _marks.TryGetValue(mn, out var marks) && marks.Any(m => m.Level == level && !m.Valid && m.From <= t && m.To > t));
                var signed = _signs.TryGetValue((mn, date, level), out var sign);
                var (suspect, fail) = flags.GetValueOrDefault(mn);
                rows.Add(new QueueRow(mn, station.Name, station.CityCode, date, times.Count, suspect, fail, invalidated, LowerSigned(station, date, level),
                    signed ? sign.Actor : null, signed ? sign.Time : null, deadline, !signed && now > deadline));
            }
        }

        return rows;
    }

    /// <summary>Whether <paramref name="mn"/>'s <paramref name="date"/> is signed off at <paramref name="level"/>, and when.</summary>
    public DateTimeOffset? SignedAt(string mn, DateOnly date, int level)
    {
        lock (_lock)
        {
            return _signs.TryGetValue((mn, date, level), out var sign) ? sign.Time : null;
        }
    }

    // The stations exist and are in scope, and no month of the period is locked for them.
    private Refusal? Check(string[] mns, Actor actor, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var mn in mns)
        {
            if (_stations.Find(mn) is not { } station || !actor.Sees(station))
            {
                return new Refusal(StatusCodes.Status404NotFound, "not-found", $"no station {mn} in your scope");
            }

            lock (_lock)
            {
                for (var month = new DateOnly(Date(from).Year, Date(from).Month, 1); month <= Date(to.AddTicks(-1)); month = month.AddMonths(1))
                {
                    var name = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    foreach (var scope in new[] { station.CityCode, "province" })
                    {
                        if (_locks.TryGetValue((name, scope), out var l) && l.Locked)
                        {
                            return new Refusal(StatusCodes.Status409Conflict, "locked", $"{name} of {scope} is locked: reopen it first (a higher level, with a reason)");
                        }
                    }
                }
            }
        }

        return null;
    }

    // The level below has signed the day off, or there is none for this station (no operator: the first level is skipped).
    private bool LowerSigned(Station station, DateOnly date, int level)
        => level == 0 || (level == 1 && station.Operator is null) || _signs.ContainsKey((station.Mn, date, level - 1));

    private void Apply(AuditEntry entry)
    {
        lock (_lock)
        {
            switch (entry.Action)
            {
                case "review.mark":
                    var mark = JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.MarkRecord)!;
                    var kind = DataKinds.TryParse(mark.Kind, out var parsed) ? parsed : DataKind.Hour;
                    var item = new MarkEntry(entry.Sequence, IndexOf(mark.Level), [.. mark.Parameters], kind, mark.From, mark.To, mark.Valid, mark.Reason, entry.Actor);
                    foreach (var mn in mark.Stations)
                    {
                        if (!_marks.TryGetValue(mn, out var list))
                        {
                            _marks[mn] = list = [];
                        }

                        list.Add(item);
                    }

                    break;
                case "review.sign":
                    var sign = JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.LevelRecord)!;
                    foreach (var mn in sign.Stations)
                    {
                        _signs.TryAdd((mn, sign.Date!.Value, IndexOf(sign.Level)), (entry.Actor, entry.Time));
                    }

                    break;
                case "review.lock" or "review.reopen":
                    var record = JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.LevelRecord)!;
                    _locks[(record.Month!, record.Scope!)] = (IndexOf(record.Level), entry.Action == "review.lock");
                    break;
            }
        }
    }

    private int IndexOf(string level)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (Levels[i].Name == level)
            {
                return i;
            }
        }

        return Levels.Count;
    }

    private static DateOnly Date(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Beijing).DateTime);

    private static string Target(string[] stations) => stations.Length == 1 ? stations[0] : $"{stations.Length} stations";

    private sealed record MarkEntry(long Entry, int Level, HashSet<string> Parameters, DataKind Kind, DateTimeOffset From, DateTimeOffset To, bool Valid, string Reason, string Actor)
    {
        public bool Covers(string parameter, DataKind kind, DateTimeOffset time)
            => Kind == kind && From <= time && time < To && (Parameters.Count == 0 || Parameters.Contains(parameter));
    }
}
