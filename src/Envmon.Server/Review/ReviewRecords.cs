namespace Envmon.Server.Review;

/// <summary>Mark readings valid or invalid: stations, parameters (none: all), a kind, a period [From, To), a decision, a reason of the catalogue and a comment.</summary>
public sealed record MarkRequest(string[] Stations, string[]? Parameters, string? Kind, DateTimeOffset From, DateTimeOffset To, string Decision, string Reason, string? Comment);

/// <summary>Sign off the review of stations' data of one Beijing date at the caller's level.</summary>
public sealed record SignRequest(string[] Stations, DateOnly Date);

/// <summary>Lock a month (<c>yyyy-MM</c>) of a city (its division code) or, without one, of the province.</summary>
public sealed record LockRequest(string Month, string? City);

/// <summary>Reopen a locked month; needs a higher level than the lock's, and a reason.</summary>
public sealed record ReopenRequest(string Month, string? City, string Reason);

/// <summary>A mark as the audit log records it (and the book replays it).</summary>
public sealed record MarkRecord(string Level, string[] Stations, string[] Parameters, string Kind, DateTimeOffset From, DateTimeOffset To, bool Valid, string Reason,
    string? Comment);

/// <summary>A sign-off or lock as the audit log records it.</summary>
public sealed record LevelRecord(string Level, string[] Stations, DateOnly? Date, string? Month, string? Scope, string? Reason);

/// <summary>Why the review refused an action: the HTTP status, a stable code and a readable detail.</summary>
public sealed record Refusal(int Status, string Code, string Detail);

/// <summary>A station's day in a review queue.</summary>
public sealed record QueueRow(string Mn, string Name, string City, DateOnly Date, int Hours, int Suspect, int Fail, int Invalidated, bool LowerSigned,
    string? SignedBy, DateTimeOffset? SignedAt, DateTimeOffset Deadline, bool Overdue);

/// <summary>The review decision that applies to one reading: the level that decided, valid or not, why.</summary>
public sealed record Decision(string Level, bool Valid, string Reason, string Actor, long Entry);
