using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Access;

/// <summary>A new user's token, shown once.</summary>
public sealed record NewUserView(string Name, string Token);

/// <summary>A request to add a user; with a password, the user can also sign in to the dashboard.</summary>
public sealed record NewUserRequest(string Name, string Role, string? City, string? Operator, string? Password = null);

/// <summary>A sign-in.</summary>
public sealed record SignInRequest(string Name, string Password);

/// <summary>The signed-in user, and the CSRF token its unsafe requests send in <c>X-CSRF-Token</c>.</summary>
public sealed record SessionView(string Name, string Role, string? City, string? Operator, string? Csrf);

/// <summary>A password change.</summary>
public sealed record PasswordChange(string Current, string Replacement);

/// <summary>
/// Who calls: <c>Authorization: Bearer TOKEN</c> (machine clients, the command line) or the dashboard's session cookie,
/// resolved to an <see cref="Actor"/> (<see cref="Caller"/>); a cookie request that changes something must echo its
/// session's CSRF token in <c>X-CSRF-Token</c>. A filter answers 401 without an actor (403 <c>csrf</c> on a missing or
/// wrong token); <c>/api/v1/session</c> signs in (lockout after repeated failures, every attempt audited), out, and
/// changes the password; <c>/api/v1/users</c> is for province administrators.
/// </summary>
internal static class AccessApi
{
    private const string Key = "envmon.actor";
    private const string CsrfKey = "envmon.csrf-failed";

    /// <summary>The actor behind the request's bearer token or session cookie, or null (a cookie request failing its CSRF check has none).</summary>
    public static Actor? Caller(this HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var known))
        {
            return known as Actor;
        }

        var header = context.Request.Headers.Authorization.ToString();
        Actor? actor = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            actor = context.RequestServices.GetRequiredService<Users>().Authenticate(header["Bearer ".Length..].Trim());
        }
        else if (context.Request.Cookies[Sessions.Cookie] is { } id && context.RequestServices.GetRequiredService<Sessions>().Find(id) is { } session)
        {
            var safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
            var echoed = context.Request.Headers["X-CSRF-Token"].ToString();
            if (safe || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(echoed), Encoding.UTF8.GetBytes(session.Csrf)))
            {
                actor = session.Actor;
            }
            else
            {
                context.Items[CsrfKey] = true;
            }
        }

        context.Items[Key] = actor;
        return actor;
    }

    /// <summary>The authenticated actor; the <see cref="RequireUser"/> filter guarantees one.</summary>
    public static Actor Actor(this HttpContext context) => context.Caller() ?? throw new InvalidOperationException("no authenticated actor");

    /// <summary>Answers 401 to requests without a valid token.</summary>
    public static TBuilder RequireUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (context, next) => context.HttpContext.Caller() is not null ? await next(context).ConfigureAwait(false)
            : context.HttpContext.Items.ContainsKey(CsrfKey) ? Problems.Forbidden("csrf", "a signed-in request that changes something must send its session's X-CSRF-Token")
            : Problems.Unauthenticated());

    private static SessionView View(Actor actor, string? csrf) => new(actor.Name, actor.Role.Name(), actor.City, actor.Operator, csrf);

    public static void MapAccess(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/session", Results<Ok<SessionView>, ProblemHttpResult> (HttpContext http, Users users, Sessions sessions, SignInRequest request) =>
        {
            var (actor, failure) = users.SignIn(request.Name, request.Password, http.Connection.RemoteIpAddress?.ToString() ?? "", DateTimeOffset.UtcNow);
            if (actor is null)
            {
                if (failure == SignInFailure.LockedOut)
                {
                    http.Response.Headers.RetryAfter = ((int)Users.Lockout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    return Problems.Of(StatusCodes.Status429TooManyRequests, "locked-out", $"too many failed sign-ins: try again in {Users.Lockout.TotalMinutes} minutes");
                }

                return Problems.Of(StatusCodes.Status401Unauthorized, "bad-credentials", "unknown user or wrong password");
            }

            var session = sessions.Open(actor);
            http.Response.Cookies.Append(Sessions.Cookie, session.Id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                Expires = session.Expires,
            });
            return TypedResults.Ok(View(actor, session.Csrf));
        });
        // A signed-in page that was reloaded gets its session's CSRF token again (only a same-origin script can read this answer).
        routes.MapGet("/api/v1/session", (HttpContext http, Sessions sessions)
            => TypedResults.Ok(View(http.Actor(), http.Request.Cookies[Sessions.Cookie] is { } id ? sessions.Find(id)?.Csrf : null))).RequireUser();
        routes.MapDelete("/api/v1/session", (HttpContext http, Sessions sessions) =>
        {
            if (http.Request.Cookies[Sessions.Cookie] is { } id)
            {
                sessions.Close(id);
            }

            http.Response.Cookies.Delete(Sessions.Cookie);
            return TypedResults.NoContent();
        }).RequireUser();
        routes.MapPost("/api/v1/session/password", Results<NoContent, ProblemHttpResult> (HttpContext http, Users users, Sessions sessions, PasswordChange change) =>
        {
            try
            {
                users.ChangePassword(http.Actor(), change.Current, change.Replacement);
                sessions.CloseAll(http.Actor().Name);
                return TypedResults.NoContent();
            }
            catch (ArgumentException e)
            {
                return Problems.BadRequest(e.Message);
            }
        }).RequireUser();

        var group = routes.MapGroup("/api/v1/users").RequireUser();
        group.MapGet("", Results<TableResult<UserView>, ProblemHttpResult> (HttpContext http, Users users)
            => http.Actor().Role == Role.ProvinceAdmin ? Table.Of(users.All()) : Problems.Forbidden("only a province administrator lists users"));
        group.MapPost("", Results<Ok<NewUserView>, ProblemHttpResult> (HttpContext http, Users users, NewUserRequest request) =>
        {
            if (http.Actor().Role != Role.ProvinceAdmin)
            {
                return Problems.Forbidden("only a province administrator adds users");
            }

            if (!Roles.TryParse(request.Role, out var role))
            {
                return Problems.BadRequest($"role \"{request.Role}\" is not one of {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Name()))}");
            }

            try
            {
                return TypedResults.Ok(new NewUserView(request.Name, users.Add(new Actor(request.Name, role, request.City, request.Operator), http.Actor(), request.Password)));
            }
            catch (ArgumentException e)
            {
                return Problems.BadRequest(e.Message);
            }
        });
        group.MapPost("/{name}/disable", Results<NoContent, ProblemHttpResult> (HttpContext http, Users users, Sessions sessions, string name) =>
        {
            if (http.Actor().Role != Role.ProvinceAdmin)
            {
                return Problems.Forbidden("only a province administrator disables users");
            }

            if (!users.Disable(name, http.Actor()))
            {
                return Problems.NotFound($"no user \"{name}\"");
            }

            sessions.CloseAll(name);
            return TypedResults.NoContent();
        });
    }
}
