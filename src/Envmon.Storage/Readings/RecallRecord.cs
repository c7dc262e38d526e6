using Envmon.Monitoring.Readings;

namespace Envmon.Storage.Readings;

/// <summary>
/// A data recall (补数) the platform sent a station: what it asked for and why, and what became of it. The recalled
/// data itself is stored like any other upload (its frames are in the archive).
/// </summary>
/// <param name="Requested">When the request was first sent.</param>
/// <param name="Mn">The station.</param>
/// <param name="Kind">Minute or hour data (2051, 2061), or day (2031).</param>
/// <param name="Begin">The first interval start asked for (BeginTime).</param>
/// <param name="End">The last interval start asked for (EndTime, inclusive).</param>
/// <param name="Reason"><c>gap</c> (found by the gateway) or <c>manual</c> (asked through the API).</param>
/// <param name="Outcome">executed, failed, refused, no-answer, no-result or not-connected.</param>
/// <param name="Qn">The request's QN, when it was sent.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="Missing">How many intervals of the window were missing when it was sent.</param>
public sealed record RecallRecord(
    DateTimeOffset Requested, string Mn, DataKind Kind, DateTimeOffset Begin, DateTimeOffset End, string Reason, string Outcome, string? Qn,
    int Attempts, int Missing);
