namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>
/// IIS's <c>system.webServer/httpCompression</c>: which responses compression applies to. IIS allows the section
/// only in applicationHost.config; Eyrie reads it from the app's web.config, where it is the app's own.
/// </summary>
/// <param name="Schemes">The encodings offered (<c>gzip</c>, <c>br</c>), from <c>&lt;scheme name&gt;</c>.</param>
/// <param name="DynamicTypes">Content types compressed (<c>text/*</c>), from <c>dynamicTypes/add[@enabled=true]</c>; a disabled entry removes an inherited one.</param>
public sealed record HttpCompressionSection(
    int? MinFileSizeForComp,
    bool? NoCompressionForHttp10,
    bool? NoCompressionForProxies,
    bool? NoCompressionForRange,
    CollectionEdit<string>? Schemes,
    CollectionEdit<string>? DynamicTypes);
