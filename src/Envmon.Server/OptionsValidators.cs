using Envmon.Server.Ingestion;
using Microsoft.Extensions.Options;

namespace Envmon.Server;

/// <summary>Checks <see cref="ServerOptions"/> against its attributes, with code generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ServerOptionsValidator : IValidateOptions<ServerOptions>;

/// <summary>Checks <see cref="GatewayOptions"/> against its attributes, with code generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
