using System.Text.Json.Serialization;

namespace Envmon.Storage;

/// <summary>Source-generated JSON for what the store keeps as JSON (a station's fields).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
