using System.CommandLine;

namespace Envmon.Cli.Hj212;

/// <summary><c>envmon hj212</c>: the protocol tools.</summary>
internal static class Hj212Command
{
    public static Command Create(CliConsole console) => new("hj212", "Decode and encode HJ 212 (2005, 2017, 2025) frames.")
    {
        DecodeCommand.Create(console),
        EncodeCommand.Create(console),
    };
}
