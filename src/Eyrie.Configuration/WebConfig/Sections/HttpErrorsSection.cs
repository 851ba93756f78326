namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>system.webServer/httpErrors</c>: custom error pages.</summary>
/// <param name="DefaultPath">The page for statuses without an entry (<c>defaultPath</c>), in <paramref name="DefaultResponseMode"/>.</param>
/// <param name="Errors">The entries, keyed by status and sub-status (<c>&lt;remove statusCode="404" subStatusCode="-1"/&gt;</c>).</param>
public sealed record HttpErrorsSection(HttpErrorMode? ErrorMode, ExistingResponseMode? ExistingResponse, ErrorResponseMode? DefaultResponseMode, string? DefaultPath, CollectionEdit<HttpErrorEntry> Errors);
