using System.Globalization;
using System.Text.Json;
using Envmon.Monitoring.Interference;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Audit;

namespace Envmon.Server.Interference;

/// <summary>
/// The interference cases (线索) for investigators, rebuilt from the audit log: a detection opens a case
/// (<c>case.open</c>, by <c>system</c>) or, when it overlaps an open case of the same station and rule (within a
/// day), updates it (<c>case.update</c>); investigators triage it (<c>case.triage</c>): new → investigating →
/// confirmed or dismissed (with a reason). A case id is the number of its opening audit entry. A detection never
/// says "falsified": it is evidence for people (办法: at least two investigators decide).
/// </summary>
internal sealed class CaseBook
{
    public static readonly string[] Statuses = ["new", "investigating", "confirmed", "dismissed"];

    private readonly EnvmonStore _store;
    private readonly StationRegistry _stations;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Case> _cases = [];

    public CaseBook(EnvmonStore store, StationRegistry stations, TimeProvider time)
    {
        _store = store;
        _stations = stations;
        _time = time;
        foreach (var entry in store.AuditLog("case."))
        {
            Apply(entry);
        }
    }

    /// <summary>Records <paramref name="detections"/>: each opens a case or updates the open one it overlaps. Returns how many cases were opened.</summary>
    public int Record(IEnumerable<Detection> detections)
    {
        var opened = 0;
        foreach (var detection in detections)
        {
            Case? existing;
            lock (_lock)
            {
                existing = _cases.Values.FirstOrDefault(c => c.Detection.Mn == detection.Mn && c.Detection.Rule == detection.Rule && c.Status is "new" or "investigating"
                    && c.Detection.From <= detection.To.AddDays(1) && detection.From <= c.Detection.To.AddDays(1));
            }

            if (existing is not null && detection.From >= existing.Detection.From && detection.To <= existing.Detection.To && detection.Score <= existing.Detection.Score)
            {
                continue;
            }

            var json = JsonSerializer.Serialize(detection, ServerJson.Default.Detection);
            Apply(existing is null
                ? _store.Audit(Actor.System.Name, "case.open", detection.Mn, json, _time.GetUtcNow())
                : _store.Audit(Actor.System.Name, "case.update", existing.Id.ToString(CultureInfo.InvariantCulture), json, _time.GetUtcNow()));
            opened += existing is null ? 1 : 0;
        }

        return opened;
    }

    /// <summary>Changes a case's status; dismissing needs a reason. Null on success, else what is wrong.</summary>
    public string? Triage(long id, TriageRequest request, Actor actor)
    {
        if (!Statuses.Contains(request.Status))
        {
            return $"status \"{request.Status}\" is not one of {string.Join(", ", Statuses)}";
        }

        if (request.Status == "dismissed" && string.IsNullOrWhiteSpace(request.Reason))
        {
            return "dismissing a case needs a reason";
        }

        Apply(_store.Audit(actor.Name, "case.triage", id.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(request, ServerJson.Default.TriageRequest),
            _time.GetUtcNow()));
        return null;
    }

    /// <summary>The case <paramref name="id"/>, or null.</summary>
    public CaseView? Find(long id)
    {
        lock (_lock)
        {
            return _cases.TryGetValue(id, out var c) ? View(c) : null;
        }
    }

    /// <summary>Every case, newest first.</summary>
    public IReadOnlyList<CaseView> All()
    {
        lock (_lock)
        {
            return [.. _cases.Values.OrderByDescending(c => c.Id).Select(View)];
        }
    }

    private CaseView View(Case c)
    {
        var station = _stations.Find(c.Detection.Mn);
        var d = c.Detection;
        return new CaseView(c.Id, d.Mn, station?.Name ?? d.Mn, station?.CityCode ?? "", d.Rule, d.Parameters, d.From, d.To, Math.Round(d.Score, 2), d.Summary, c.Status,
            c.Reason, c.Opened, c.Updated, c.Detections);
    }

    private void Apply(AuditEntry entry)
    {
        lock (_lock)
        {
            switch (entry.Action)
            {
                case "case.open":
                    _cases[entry.Sequence] = new Case(entry.Sequence, JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.Detection)!, "new", null, entry.Time, entry.Time, 1);
                    break;
                case "case.update" when _cases.TryGetValue(long.Parse(entry.Target, CultureInfo.InvariantCulture), out var c):
                    var d = JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.Detection)!;
                    var merged = c.Detection with
                    {
                        From = d.From < c.Detection.From ? d.From : c.Detection.From,
                        To = d.To > c.Detection.To ? d.To : c.Detection.To,
                        Score = Math.Max(d.Score, c.Detection.Score),
                        Parameters = [.. c.Detection.Parameters.Union(d.Parameters)],
                    };
                    _cases[c.Id] = c with { Detection = merged, Updated = entry.Time, Detections = c.Detections + 1 };
                    break;
                case "case.triage" when _cases.TryGetValue(long.Parse(entry.Target, CultureInfo.InvariantCulture), out var t):
                    var triage = JsonSerializer.Deserialize(entry.Detail, ServerJson.Default.TriageRequest)!;
                    _cases[t.Id] = t with { Status = triage.Status, Reason = triage.Reason, Updated = entry.Time };
                    break;
            }
        }
    }

    private sealed record Case(long Id, Detection Detection, string Status, string? Reason, DateTimeOffset Opened, DateTimeOffset Updated, int Detections);
}
