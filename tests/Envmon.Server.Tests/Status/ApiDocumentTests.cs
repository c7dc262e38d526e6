using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server.Tests.Support;

namespace Envmon.Server.Tests.Status;

/// <summary>The API describes itself (OpenAPI) and answers every bad request with a ProblemDetails carrying a stable code.</summary>
public sealed class ApiDocumentTests
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheEndpoints()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client();
        var document = await http.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Envmon API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "/api/v1/stations", "/api/v1/qc/flags", "/api/v1/review/marks", "/api/v1/cases/{id}/evidence", "/api/v1/stats", "/api/v1/rankings" }, paths);
    }

    [Theory]
    [InlineData("/api/v1/readings/export?kind=weekly")]
    [InlineData("/api/v1/rankings?from=2026-11-02&to=2026-11-01")]
    [InlineData("/api/v1/aqi/cities/daily?date=2026-11-01&version=final")]
    public async Task ABadRequestGetsAProblemWithACode(string path)
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("bad-request", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/stats", null, null, 400, "bad-request", "Required parameter \"DateTimeOffset from\" was not provided")]
    [InlineData("GET", "/api/v1/stats?from=yesterday&to=2026-11-02", null, null, 400, "bad-request", "Failed to bind parameter \"DateTimeOffset from\" from \"yesterday\"")]
    [InlineData("POST", "/api/v1/users", "application/json", "{\"name\":", 400, "bad-request", "Failed to read parameter \"NewUserRequest request\" from the request body as JSON")]
    [InlineData("POST", "/api/v1/users", "text/plain", "inspector", 415, "unsupported-media-type", null)]
    [InlineData("GET", "/api/v1/no-such-thing", null, null, 404, "not-found", null)]
    [InlineData("DELETE", "/api/v1/stations", null, null, 405, "method-not-allowed", null)]
    public async Task ARequestTheApiCannotBindGetsAProblemSayingWhy(string method, string path, string? contentType, string? body, int status, string code, string? detail)
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType!);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (detail is not null)
        {
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
