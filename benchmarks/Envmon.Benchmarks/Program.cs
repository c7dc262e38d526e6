using BenchmarkDotNet.Running;
using Envmon.Benchmarks;

// "stream FILE MEGABYTES" writes a stream of air minute frames for the end-to-end measurement of
// benchmarks/run.sh; anything else goes to BenchmarkDotNet.
if (args is ["stream", var path, var megabytes])
{
    using var file = File.Create(path);
    var target = long.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture) << 20;
    for (var i = 0; file.Length < target; i++)
    {
        file.Write(AirMinuteFrames.Create(i));
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(CrcBenchmarks).Assembly).Run(args);
return 0;
