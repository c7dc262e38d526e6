using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Access;

/// <summary>A new user's token, shown once.</summary>
public sealed record NewUserView(string Name, string Token);

/// <summary>A request to add a user.</summary>
public sealed record NewUserRequest(string Name, string Role, string? City, string? Operator);

/// <summary>
/// Who calls: <c>Authorization: Bearer TOKEN</c> resolved to an <see cref="Actor"/> (<see cref="Caller"/>), a filter
/// that answers 401 without one, and <c>/api/v1/users</c> (province administrators only).
/// </summary>
internal static class AccessApi
{
    private const string Key = "envmon.actor";

    /// <summary>The actor behind the request's bearer token, or null.</summary>
    public static Actor? Caller(this HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var known))
        {
            return known as Actor;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var actor = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? context.RequestServices.GetRequiredService<Users>().Authenticate(header["Bearer ".Length..].Trim())
            : null;
        context.Items[Key] = actor;
        return actor;
    }

    /// <summary>The authenticated actor; the <see cref="RequireUser"/> filter guarantees one.</summary>
    public static Actor Actor(this HttpContext context) => context.Caller() ?? throw new InvalidOperationException("no authenticated actor");

    /// <summary>Answers 401 to requests without a valid token.</summary>
    public static TBuilder RequireUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (context, next) => context.HttpContext.Caller() is null ? Problems.Unauthenticated() : await next(context).ConfigureAwait(false));

    public static void MapAccess(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/users").RequireUser();
        group.MapGet("", Results<Ok<UserView[]>, ProblemHttpResult> (HttpContext http, Users users)
            => http.Actor().Role == Role.ProvinceAdmin ? TypedResults.Ok(users.All().ToArray()) : Problems.Forbidden("only a province administrator lists users"));
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
                return TypedResults.Ok(new NewUserView(request.Name, users.Add(new Actor(request.Name, role, request.City, request.Operator), http.Actor())));
            }
            catch (ArgumentException e)
            {
                return Problems.BadRequest(e.Message);
            }
        });
        group.MapPost("/{name}/disable", Results<NoContent, ProblemHttpResult> (HttpContext http, Users users, string name)
            => http.Actor().Role != Role.ProvinceAdmin ? Problems.Forbidden("only a province administrator disables users")
                : users.Disable(name, http.Actor()) ? TypedResults.NoContent() : Problems.NotFound($"no user \"{name}\""));
    }
}
