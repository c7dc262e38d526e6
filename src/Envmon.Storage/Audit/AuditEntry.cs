namespace Envmon.Storage.Audit;

/// <summary>
/// One entry of the audit log: who did what to what, when, with the details as JSON, chained to the entry before
/// (<see cref="Archive.HashChain"/> over actor, action, target and detail).
/// </summary>
/// <param name="Sequence">The entry's number, from 0 without gaps.</param>
/// <param name="Time">When it was recorded.</param>
/// <param name="Actor">The user, or <c>system</c> for the server's own actions (QC runs, detections).</param>
/// <param name="Action">What was done, as <c>area.verb</c> (<c>review.mark</c>, <c>qc-config.set</c>, <c>case.open</c>, …).</param>
/// <param name="Target">What it was done to (a station, a period, a case id).</param>
/// <param name="Detail">The action's data as JSON: everything needed to replay it.</param>
/// <param name="Hash">The chain hash up to and including this entry.</param>
public sealed record AuditEntry(long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, string Detail, byte[] Hash);
