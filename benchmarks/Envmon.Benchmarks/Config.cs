using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Envmon.Benchmarks;

/// <summary>The configuration every benchmark here runs with: allocations measured, throughput shown.</summary>
public sealed class Config : ManualConfig
{
    public Config()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new FramesPerSecondColumn());
    }
}
