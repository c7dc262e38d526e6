namespace Envmon.Server;

/// <summary>
/// What <c>server.json</c> in a data directory says of the server running on it, with the local token that gives the
/// command line beside it the administrator's rights (made anew at each start; whoever reads the data directory owns
/// the data anyway, and the file is readable by its owner only).
/// </summary>
public sealed record ServerInfo(string Http, string Hj212, int ProcessId, string Token);
