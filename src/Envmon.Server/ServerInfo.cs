namespace Envmon.Server;

/// <summary>What <c>server.json</c> in a data directory says of the server running on it.</summary>
public sealed record ServerInfo(string Http, string Hj212, int ProcessId);
