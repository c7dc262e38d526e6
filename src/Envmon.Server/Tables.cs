using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsvHelper;
using Envmon.Server.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Envmon.Server;

/// <summary>
/// Every endpoint that answers with a table (a list of rows) answers through this, so that all of them page, export
/// CSV and revalidate the same way:
/// <list type="bullet">
/// <item><c>?limit=N&amp;offset=M</c> pages (no limit: every row); <c>X-Total-Count</c> gives the rows in all and
/// <c>Link</c> the next and previous pages (RFC 8288);</item>
/// <item><c>?format=csv</c> or <c>Accept: text/csv</c> gives the same rows as CSV (UTF-8, header row, the JSON property names
/// as columns, times in ISO 8601 with offset, nested values as JSON);</item>
/// <item>the answer carries a strong <c>ETag</c> of its bytes; <c>If-None-Match</c> with it gets 304 and no body.</item>
/// </list>
/// A heavy answer built with <see cref="Table.Kept{T}"/> is kept in the <see cref="AnswerCache"/> for the caller's scope.
/// </summary>
internal sealed class TableResult<T>(Func<IEnumerable<T>> rows, bool keep) : IResult, IEndpointMetadataProvider
{
    public const int MaxLimit = 100_000;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
        => builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T[]), ["application/json", "text/csv"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var query = httpContext.Request.Query;
        if (!TryRead(query["limit"], 1, MaxLimit, out var limit) || !TryRead(query["offset"], 0, int.MaxValue, out var offset))
        {
            await Problems.BadRequest($"limit must be 1 to {MaxLimit} and offset 0 or more").ExecuteAsync(httpContext).ConfigureAwait(false);
            return;
        }

        var request = httpContext.Request;
        var csv = string.Equals(query["format"], "csv", StringComparison.OrdinalIgnoreCase)
            || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var answer = keep
            ? httpContext.RequestServices.GetRequiredService<AnswerCache>().Get(
                $"{httpContext.Actor().ScopeKey} {(csv ? "csv" : "json")} {request.Path}{request.QueryString}", () => Build(options, csv, offset, limit))
            : Build(options, csv, offset, limit);

        var response = httpContext.Response;
        response.Headers["X-Total-Count"] = answer.Total.ToString(CultureInfo.InvariantCulture);
        if (limit is not null)
        {
            response.Headers.Link = Links(request, Math.Min(offset ?? 0, answer.Total), limit.Value, answer.Total);
        }

        // A kept answer also comes gzip-compressed to clients that accept it (the dashboard over a city's link): a
        // representation of its own, with its own ETag.
        var gzip = keep && request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        var tag = gzip ? answer.Tag.Insert(answer.Tag.Length - 1, "-gzip") : answer.Tag;
        response.Headers.ETag = tag;
        response.Headers.Vary = keep ? "Accept, Accept-Encoding" : "Accept";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == tag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var body = gzip ? answer.Gzip : answer.Body;
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    // Builds the answer from the rows; a kept answer may be rebuilt after its request has ended, so nothing here uses the HttpContext.
    private AnswerCache.Answer Build(JsonSerializerOptions options, bool csv, int? offset, int? limit)
    {
        var source = rows();
        var all = source as IReadOnlyList<T> ?? source.ToList();
        var start = Math.Min(offset ?? 0, all.Count);
        var count = Math.Min(limit ?? all.Count, all.Count - start);
        var page = all is T[] whole && count == whole.Length ? whole : all.Skip(start).Take(count).ToArray();
        var body = csv ? Csv(page, options) : JsonSerializer.SerializeToUtf8Bytes(page, (JsonTypeInfo<T[]>)options.GetTypeInfo(typeof(T[])));
        return new AnswerCache.Answer(body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}{(csv ? "-csv" : "")}\"", all.Count);
    }

    private static bool TryRead(string? text, int min, int max, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static string Links(HttpRequest request, int offset, int limit, int total)
    {
        string Page(int at, string rel)
        {
            var query = request.Query.Where(q => q.Key is not ("offset" or "limit"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"limit={limit}").Append($"offset={at}");
            return $"<{request.PathBase}{request.Path}?{string.Join('&', query)}>; rel=\"{rel}\"";
        }

        var links = new List<string>();
        if (offset + limit < total)
        {
            links.Add(Page(offset + limit, "next"));
        }

        if (offset > 0)
        {
            links.Add(Page(Math.Max(0, offset - limit), "prev"));
        }

        return string.Join(", ", links);
    }

    private static byte[] Csv(T[] page, JsonSerializerOptions options)
    {
        var properties = options.GetTypeInfo(typeof(T)).Properties.Where(p => p.Get is not null).ToList();
        using var output = new MemoryStream();
        using (var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var property in properties)
            {
                csv.WriteField(property.Name);
            }

            csv.EndRecord();
            foreach (var row in page)
            {
                foreach (var property in properties)
                {
                    csv.WriteField(Field(property.Get!(row!), options));
                }

                csv.EndRecord();
            }
        }

        return output.ToArray();
    }

    private static string Field(object? value, JsonSerializerOptions options) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => JsonSerializer.Serialize(e, options.GetTypeInfo(e.GetType())).Trim('"'),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, options.GetTypeInfo(value.GetType())),
    };
}

/// <summary>Builds <see cref="TableResult{T}"/>.</summary>
internal static class Table
{
    public static TableResult<T> Of<T>(IEnumerable<T> rows) => new(() => rows, keep: false);

    /// <summary>
    /// A heavy answer (every station's latest values) that may be reused, for callers of the same scope
    /// (<see cref="Actor.ScopeKey"/>) and the same query, for <see cref="ServerOptions.AnswerAge"/>: only for answers
    /// that depend on nothing else. <paramref name="rows"/> is called only when the kept answer is missing or old.
    /// </summary>
    public static TableResult<T> Kept<T>(Func<IEnumerable<T>> rows) => new(rows, keep: true);
}
