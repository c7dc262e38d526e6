using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;

namespace Envmon.Storage.Quality;

/// <summary>
/// The automatic QC outcome of one reading as stored: its roll-up level, every flag with its provenance, and the
/// configuration version that produced it. Saving a key again stores a new version; reads see the newest. A reading
/// with no record was never flagged (it passed, or has not been evaluated yet).
/// </summary>
public sealed record QcRecord(string Mn, string Parameter, DataKind Kind, DateTimeOffset Time, QcLevel Level, IReadOnlyList<QcFlag> Flags, int Config);

/// <summary>Which QC records to read: by station, parameter, kind, time range [From, To), and the least level (3: suspect and fail).</summary>
public sealed record QcQuery(string? Mn = null, string? Parameter = null, DataKind? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    QcLevel? AtLeast = null);
