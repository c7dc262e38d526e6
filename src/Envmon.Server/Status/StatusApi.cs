using Envmon.Server.Ingestion;
using Envmon.Server.Stations;
using Envmon.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Status;

/// <summary><c>/health</c> and <c>/api/v1/archive/verify</c> (what <c>envmon verify</c> calls while the server runs).</summary>
internal static class StatusApi
{
    public static void MapStatus(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (EnvmonStore store, StationRegistry registry, ConnectionTable links, IngestQueue queue) =>
        {
            var online = links.Links.Count(l => links.IsOnline(l, registry.Find(l.Mn)));
            return TypedResults.Ok(new Health("ok", registry.All.Count, online, store.ArchiveCount, queue.Depth));
        });
        routes.MapPost("/api/v1/archive/verify", (EnvmonStore store) => TypedResults.Ok(store.VerifyArchive()));
    }
}
