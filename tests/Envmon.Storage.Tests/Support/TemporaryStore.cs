namespace Envmon.Storage.Tests.Support;

/// <summary>A real store in a fresh temporary data directory, deleted afterwards.</summary>
public sealed class TemporaryStore : IDisposable
{
    public TemporaryStore()
    {
        Options = new StoreOptions { DataDirectory = Directory.CreateTempSubdirectory("envmon-store-").FullName, Threads = 1 };
        Store = EnvmonStore.Open(Options);
    }

    public StoreOptions Options { get; }

    public EnvmonStore Store { get; private set; }

    /// <summary>Closes and opens the store again, as a restart would.</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = EnvmonStore.Open(Options);
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Options.DataDirectory, recursive: true);
    }
}
