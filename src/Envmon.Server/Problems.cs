using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Envmon.Server;

/// <summary>
/// The API's errors: ProblemDetails with a stable machine-readable <c>code</c> beside the human <c>detail</c>
/// (<c>bad-request</c>, <c>unauthenticated</c>, <c>bad-credentials</c>, <c>locked-out</c>, <c>forbidden</c>, <c>csrf</c>,
/// <c>not-found</c>, <c>locked</c>, <c>lower-level-pending</c>); <see cref="RequestProblems"/> gives the codes of the
/// errors the framework answers (docs/dashboard.md lists them all).
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "bad-request", detail);

    public static ProblemHttpResult Unauthenticated() => Of(StatusCodes.Status401Unauthorized, "unauthenticated", "send a valid token: Authorization: Bearer <token>");

    public static ProblemHttpResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "forbidden", detail);

    public static ProblemHttpResult Forbidden(string code, string detail) => Of(StatusCodes.Status403Forbidden, code, detail);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "not-found", detail);

    public static ProblemHttpResult Conflict(string code, string detail) => Of(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Of(int status, string code, string detail)
        => TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
