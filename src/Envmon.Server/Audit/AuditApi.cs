using Envmon.Server.Access;
using Envmon.Storage;
using Envmon.Storage.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Audit;

/// <summary>An audit entry for an outside auditor: every field that enters the hash, and the hash in hex.</summary>
public sealed record AuditView(long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, string Detail, string Hash)
{
    public static AuditView Of(AuditEntry e) => new(e.Sequence, e.Time, e.Actor, e.Action, e.Target, e.Detail, Convert.ToHexStringLower(e.Hash));
}

/// <summary>
/// <c>/api/v1/audit</c>: the log (province administrators and inspectors; <c>?from=</c> a sequence number,
/// <c>?action=</c> a prefix) and <c>/api/v1/audit/verify</c> (what <c>envmon verify</c> calls while the server runs).
/// </summary>
internal static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/audit").RequireUser();
        group.MapGet("", Results<TableResult<AuditView>, ProblemHttpResult> (HttpContext http, EnvmonStore store, long? from, string? action)
            => http.Actor().Role is Role.ProvinceAdmin or Role.Inspector
                ? Table.Of(store.AuditLog(action, from ?? 0).Select(AuditView.Of))
                : Problems.Forbidden("the audit log is read by province administrators and inspectors"));
        routes.MapPost("/api/v1/audit/verify", (EnvmonStore store) => TypedResults.Ok(store.VerifyAudit()));
    }
}
