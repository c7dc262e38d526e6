using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Envmon.Server;

/// <summary>
/// A request the API cannot bind (a required query parameter missing or malformed, a body that is not the JSON asked
/// for, or too large) is answered with a problem naming what was wrong, and logged, instead of an empty 400.
/// </summary>
internal sealed class RequestProblems(IProblemDetailsService problems, ILogger<RequestProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        logger.RequestRefused(httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = bad,
            ProblemDetails = { Status = bad.StatusCode, Detail = bad.Message },
        }).ConfigureAwait(false);
    }
}
