using Envmon.Server.Ingestion;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Tests.Configuration;

public sealed class SettingsCheckTests
{
    public static TheoryData<Action<ServerOptions, GatewayOptions>, string?> Settings => new()
    {
        { (_, g) => g.IdleTimeout = TimeSpan.FromMilliseconds(1), null },
        { (_, g) => g.IdleTimeout = TimeSpan.Zero,
            "Gateway:IdleTimeout: The field Gateway.IdleTimeout must be between 00:00:00.0010000 and 3650.00:00:00." },
        { (s, _) => s.LiveInterval = TimeSpan.FromHours(1), null },
        { (s, _) => s.LiveInterval = TimeSpan.FromHours(1) + TimeSpan.FromTicks(1),
            "Server:LiveInterval: The field Server.LiveInterval must be between 00:00:00.0100000 and 01:00:00." },
        { (_, g) => g.RecallSettle = TimeSpan.Zero, null },
        { (_, g) => g.RecallSettle = TimeSpan.FromSeconds(-1),
            "Gateway:RecallSettle: The field Gateway.RecallSettle must be between 00:00:00 and 3650.00:00:00." },
        { (_, g) => g.MaxSegmentLength = 10_000,
            "Gateway:MaxSegmentLength: The field Gateway.MaxSegmentLength must be between 64 and 9999." },
        { (s, _) => s.HttpListen = "127.0.0.1",
            "Server:HttpListen: \"127.0.0.1\" is not an IP address and a port (for example 127.0.0.1:8080)" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task ASettingIsCheckedAgainstItsRangeBeforeTheServerIsBuilt(Action<ServerOptions, GatewayOptions> setting, string? failure)
    {
        var data = Directory.CreateTempSubdirectory("envmon-settings-");
        try
        {
            void Configure(ServerOptions server, GatewayOptions gateway)
            {
                server.DataDirectory = data.FullName;
                setting(server, gateway);
            }

            if (failure is null)
            {
                await using var server = EnvmonServer.Build(Configure);
            }
            else
            {
                var e = Assert.Throws<OptionsValidationException>(() => EnvmonServer.Build(Configure));
                Assert.Equal([failure], e.Failures);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
