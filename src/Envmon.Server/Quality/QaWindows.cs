using System.Globalization;
using System.Text.Json;
using Envmon.Monitoring.Quality;
using Envmon.Server.Access;
using Envmon.Storage;

namespace Envmon.Server.Quality;

/// <summary>A QA window as requested and recorded in the audit log.</summary>
public sealed record QaWindowRequest(string Mn, string? Parameter, DateTimeOffset From, DateTimeOffset To, string Reason, string? WorkOrder);

/// <summary>
/// The approved calibration and maintenance windows (with their work orders), rebuilt from the audit log
/// (<c>qa-window.add</c>, <c>qa-window.cancel</c>); a window's id is its audit entry's number. Values inside fail QC
/// with the window's reason and are excluded from the capture rate, which reports them separately.
/// </summary>
internal sealed class QaWindows
{
    private readonly EnvmonStore _store;
    private readonly Lock _lock = new();
    private List<QaWindow> _windows = [];

    public QaWindows(EnvmonStore store)
    {
        _store = store;
        foreach (var entry in store.AuditLog("qa-window."))
        {
            Apply(entry.Sequence, entry.Action, entry.Target, entry.Detail);
        }
    }

    public IReadOnlyList<QaWindow> All => _windows;

    /// <summary>The windows of <paramref name="mn"/> that overlap [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<QaWindow> Of(string mn, DateTimeOffset from, DateTimeOffset to)
        => _windows.Where(w => w.Mn == mn && w.From < to && w.To > from);

    /// <summary>Records a window; the reason must be a QA-window reason of the catalogue.</summary>
    /// <exception cref="ArgumentException">The window is empty or its reason is not a QA-window reason.</exception>
    public QaWindow Add(QaWindowRequest request, Actor by)
    {
        if (request.To <= request.From)
        {
            throw new ArgumentException("a QA window must end after it starts");
        }

        if (QcReasons.Find(request.Reason) is not { Source: QcReasonSource.QaWindow })
        {
            throw new ArgumentException($"reason \"{request.Reason}\" is not a QA-window reason ({string.Join(", ", QcReasons.All.Where(r => r.Source == QcReasonSource.QaWindow).Select(r => r.Code))})");
        }

        var entry = _store.Audit(by.Name, "qa-window.add", request.Mn, JsonSerializer.Serialize(request, ServerJson.Default.QaWindowRequest), DateTimeOffset.UtcNow);
        return Apply(entry.Sequence, entry.Action, entry.Target, entry.Detail)!;
    }

    /// <summary>Cancels window <paramref name="id"/>; false when there is none.</summary>
    public bool Cancel(long id, Actor by)
    {
        if (_windows.All(w => w.Id != id))
        {
            return false;
        }

        var entry = _store.Audit(by.Name, "qa-window.cancel", id.ToString(CultureInfo.InvariantCulture), "{}", DateTimeOffset.UtcNow);
        Apply(entry.Sequence, entry.Action, entry.Target, entry.Detail);
        return true;
    }

    private QaWindow? Apply(long sequence, string action, string target, string detail)
    {
        lock (_lock)
        {
            if (action == "qa-window.add")
            {
                var r = JsonSerializer.Deserialize(detail, ServerJson.Default.QaWindowRequest)!;
                var window = new QaWindow(sequence, r.Mn, r.Parameter, r.From, r.To, r.Reason, r.WorkOrder);
                _windows = [.. _windows, window];
                return window;
            }

            if (action == "qa-window.cancel" && long.TryParse(target, CultureInfo.InvariantCulture, out var id))
            {
                _windows = [.. _windows.Where(w => w.Id != id)];
            }

            return null;
        }
    }
}
