using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Envmon.Server;

/// <summary>
/// The API's errors: ProblemDetails with a stable machine-readable <c>code</c> beside the human <c>detail</c>
/// (<c>bad-request</c>, <c>unauthenticated</c>, <c>bad-credentials</c>, <c>locked-out</c>, <c>forbidden</c>, <c>csrf</c>,
/// <c>not-found</c>, <c>locked</c>, <c>lower-level-pending</c>); a problem without a code of its own, such as the
/// framework's, gets the code of its status (<see cref="CodeOf"/>; docs/dashboard.md lists them all).
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, detail);

    public static ProblemHttpResult Unauthenticated() => Of(StatusCodes.Status401Unauthorized, "send a valid token: Authorization: Bearer <token>");

    public static ProblemHttpResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult Forbidden(string code, string detail) => Of(StatusCodes.Status403Forbidden, code, detail);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Conflict(string code, string detail) => Of(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Of(int status, string code, string detail)
        => TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A problem whose code is its status's.</summary>
    public static ProblemHttpResult Of(int status, string detail) => Of(status, CodeOf(status), detail);

    /// <summary>The code of a status, for problems that have none more precise.</summary>
    public static string CodeOf(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status429TooManyRequests => "too-many-requests",
        >= 500 => "internal-error",
        _ => "error",
    };
}
