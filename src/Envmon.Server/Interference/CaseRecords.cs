namespace Envmon.Server.Interference;

/// <summary>A triage action on a case: its new status, and the reason (needed to dismiss).</summary>
public sealed record TriageRequest(string Status, string? Reason);

/// <summary>A case (线索) as the API shows it.</summary>
public sealed record CaseView(long Id, string Mn, string Name, string City, string Rule, string[] Parameters, DateTimeOffset From, DateTimeOffset To, double Score,
    string Summary, string Status, string? Reason, DateTimeOffset Opened, DateTimeOffset Updated, int Detections);

/// <summary>The evidence of a case, ready to plot: the station's hourly series and its neighbours' around the episode.</summary>
public sealed record EvidenceView(long Id, DateTimeOffset From, DateTimeOffset To, EvidenceSeries[] Series);

/// <summary>One plotted series: a station's parameter, one value per hour (null where none).</summary>
public sealed record EvidenceSeries(string Mn, string Name, string Parameter, bool Subject, double?[] Values);
