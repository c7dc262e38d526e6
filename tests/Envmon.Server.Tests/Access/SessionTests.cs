using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server.Tests.Support;

namespace Envmon.Server.Tests.Access;

/// <summary>Signing in to the dashboard: a session cookie, CSRF on changes, lockout after repeated failures, sign-out, every attempt audited.</summary>
public sealed class SessionTests
{
    private const string Password = "河南-monitoring-2026";

    private static async Task<(HttpStatusCode Status, string? Code)> SignInAsync(HttpClient http, string name, string password)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { name, password }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    [Fact]
    public async Task ASignedInUserActsThroughItsCookieAndMustEchoTheCsrfTokenToChangeAnything()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("省站审核", "province-reviewer", password: Password);
        using var browser = server.Client();
        using (var signIn = await browser.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { name = "省站审核", password = Password },
            TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
            var csrf = (await signIn.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("csrf").GetString()!;
            Assert.Equal("province-reviewer", (await browser.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/session", UriKind.Relative), TestContext.Current.CancellationToken))
                .GetProperty("role").GetString());

            var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-3).ToString("O", CultureInfo.InvariantCulture));
            var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            using (var forged = await browser.PostAsync(new Uri($"/api/v1/qc/run?from={from}&to={to}", UriKind.Relative), null, TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
                Assert.Equal("csrf", (await forged.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString());
            }

            using var run = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/qc/run?from={from}&to={to}", UriKind.Relative));
            run.Headers.Add("X-CSRF-Token", csrf);
            using (var allowed = await browser.SendAsync(run, TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
                Assert.Equal(("nosniff", "DENY"), (allowed.Headers.GetValues("X-Content-Type-Options").Single(), allowed.Headers.GetValues("X-Frame-Options").Single()));
            }

            using var signOut = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/v1/session", UriKind.Relative));
            signOut.Headers.Add("X-CSRF-Token", csrf);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut, TestContext.Current.CancellationToken)).StatusCode);
        }

        using var after = await browser.GetAsync(new Uri("/api/v1/session", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task FiveFailuresLockTheUserOutEvenWithTheRightPasswordAndEveryAttemptIsAudited()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("郑州审核", "inspector", password: Password);
        using var browser = server.Client();
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "bad-credentials"), await SignInAsync(browser, "郑州审核", "wrong-password-" + i));
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), await SignInAsync(browser, "郑州审核", "wrong-password-5"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), await SignInAsync(browser, "郑州审核", Password));
        Assert.Equal((HttpStatusCode.Unauthorized, "bad-credentials"), await SignInAsync(browser, "nobody", Password));

        using var admin = server.Client(server.AdminToken);
        using (var weak = await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative), new { name = "weak", role = "inspector", password = "short" },
            TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        }

        var actions = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/audit?action=login.", UriKind.Relative), TestContext.Current.CancellationToken))!
            .Select(e => e.GetProperty("action").GetString()!).ToArray();
        Assert.Equal([.. Enumerable.Repeat("login.failed", 5), "login.refused", "login.failed"], actions);
    }
}
