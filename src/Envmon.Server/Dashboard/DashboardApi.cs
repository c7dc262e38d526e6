using Envmon.Server.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Envmon.Server.Dashboard;

/// <summary>
/// The dashboard: its files (<c>wwwroot/</c> beside the assembly, from <c>web/</c>: the app, ECharts, the province's
/// boundaries), <c>/api/v1/overview</c> (every map point in the caller's scope) and <c>/api/v1/live</c> (server-sent
/// events: a snapshot, then the points that changed).
/// </summary>
internal static class DashboardApi
{
    public static void UseDashboardFiles(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".geojson"] = "application/geo+json" } },
            // The app's own files are revalidated on every load (their ETag makes that a 304); libraries and maps change only with a release.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/lib") || context.Context.Request.Path.StartsWithSegments("/geo") ? "public, max-age=86400" : "no-cache",
        });
    }

    public static void MapDashboard(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").RequireUser();
        api.MapGet("/overview", (HttpContext http, Overview overview) =>
        {
            var actor = http.Actor();
            return Table.Kept(() => overview.Points(actor));
        });
        api.MapGet("/live", (HttpContext http, LiveFeed feed) => TypedResults.ServerSentEvents(feed.Subscribe(http.Actor(), http.RequestAborted)));
    }
}
