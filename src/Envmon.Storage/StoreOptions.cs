namespace Envmon.Storage;

/// <summary>Settings of the embedded store (section <c>Storage</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>The data directory: the store is <c>envmon.duckdb</c> (with its WAL) inside it. Default <c>./envmon-data</c>.</summary>
    public string DataDirectory { get; set; } = "envmon-data";

    /// <summary>DuckDB's memory limit; it also bounds the replay of the WAL after a crash. Default 1GB.</summary>
    public string MemoryLimit { get; set; } = "1GB";

    /// <summary>Threads DuckDB may use; default 2 (the gateway's own work runs beside it).</summary>
    public int Threads { get; set; } = 2;

    /// <summary>WAL size past which DuckDB checkpoints into the main file; small, so a restart replays little. Default 64MB.</summary>
    public string CheckpointThreshold { get; set; } = "64MB";
}
