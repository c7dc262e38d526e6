using System.Text.Json.Serialization;
using Envmon.Monitoring.Quality;

namespace Envmon.Storage;

/// <summary>Source-generated JSON for what the store keeps as JSON (a station's fields, QC flags).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(QcFlag[]))]
internal sealed partial class StoreJson : JsonSerializerContext;
