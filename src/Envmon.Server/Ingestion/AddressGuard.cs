using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Ingestion;

/// <summary>
/// Per-address limits: open connections (<see cref="GatewayOptions.MaxConnectionsPerAddress"/>) and failed
/// authentications; an address that fails too often is refused for <see cref="GatewayOptions.AuthFailureWindow"/>.
/// </summary>
internal sealed class AddressGuard(IOptions<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();
    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>Takes a connection slot for <paramref name="address"/>, or says why not.</summary>
    public string? TryOpen(IPAddress address)
    {
        if (_failures.TryGetValue(address, out var failures) && failures.BlockedUntil > time.GetUtcNow())
        {
            return "too many failed authentications";
        }

        var count = _open.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (count > options.Value.MaxConnectionsPerAddress)
        {
            Close(address);
            return $"more than {options.Value.MaxConnectionsPerAddress} connections from one address";
        }

        return null;
    }

    public void Close(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    /// <summary>Counts a failed authentication; true when the address is now refused.</summary>
    public bool Failed(IPAddress address)
    {
        var now = time.GetUtcNow();
        var window = options.Value.AuthFailureWindow;
        var failures = _failures.AddOrUpdate(address, _ => new Failures(now, 1, DateTimeOffset.MinValue), (_, f) =>
            now - f.WindowStart > window ? new Failures(now, 1, f.BlockedUntil) : f with { Count = f.Count + 1 });
        if (failures.Count < options.Value.MaxAuthFailures)
        {
            return false;
        }

        _failures[address] = failures with { BlockedUntil = now + window };
        return true;
    }

    private sealed record Failures(DateTimeOffset WindowStart, int Count, DateTimeOffset BlockedUntil);
}
