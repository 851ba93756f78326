using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Json;

public sealed record JsonSourceProperty(string Name, SourceLocation NameLocation, JsonSourceNode Value);
