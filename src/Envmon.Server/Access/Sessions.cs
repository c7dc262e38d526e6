using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Envmon.Server.Access;

/// <summary>A signed-in browser session: who, until when, and the token its unsafe requests must echo (CSRF).</summary>
public sealed record Session(string Id, Actor Actor, DateTimeOffset Expires, string Csrf);

/// <summary>
/// The dashboard's sessions, in memory (a restart signs everyone out): a random id in an HttpOnly, SameSite=Strict
/// cookie, valid for <see cref="Lifetime"/>; each has its own CSRF token, which unsafe requests send back in the
/// <c>X-CSRF-Token</c> header (a cross-site form cannot read it).
/// </summary>
internal sealed class Sessions(TimeProvider time)
{
    public const string Cookie = "envmon_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session Open(Actor actor)
    {
        foreach (var expired in _sessions.Values.Where(s => s.Expires <= time.GetUtcNow()).ToList())
        {
            _sessions.TryRemove(expired.Id, out _);
        }

        var session = new Session(Random(), actor, time.GetUtcNow() + Lifetime, Random());
        _sessions[session.Id] = session;
        return session;
    }

    public Session? Find(string id) => _sessions.TryGetValue(id, out var session) && session.Expires > time.GetUtcNow() ? session : null;

    public void Close(string id) => _sessions.TryRemove(id, out _);

    /// <summary>Signs <paramref name="name"/> out everywhere (a disabled user, a changed password).</summary>
    public void CloseAll(string name)
    {
        foreach (var session in _sessions.Values.Where(s => s.Actor.Name == name).ToList())
        {
            _sessions.TryRemove(session.Id, out _);
        }
    }

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
