namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>system.webServer/urlCompression</c>: whether responses of the path are compressed.</summary>
/// <param name="DoDynamicCompression">Compress the app's responses (gzip or brotli, as the client accepts).</param>
/// <param name="DoStaticCompression">Serve the files Eyrie serves compressed (their precompressed <c>.br</c>/<c>.gz</c> siblings).</param>
public sealed record UrlCompressionSection(bool? DoStaticCompression, bool? DoDynamicCompression);
