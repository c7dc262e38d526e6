using Envmon.Storage.Stations;

namespace Envmon.Server.Stations;

/// <summary>The answer to a station import: how many were saved, or every bad row (and none saved).</summary>
public sealed record ImportOutcome(int Imported, IReadOnlyList<StationCsv.RowError> Errors);
