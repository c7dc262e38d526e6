namespace Envmon.Storage;

/// <summary>The data directory's store is held by another process (a running server): go through its HTTP API.</summary>
public sealed class StoreInUseException(string path, Exception inner)
    : IOException($"the store {path} is in use by another process (a running envmon server?); use the server's HTTP API or stop it", inner);
