using Eyrie.Configuration.WebConfig.Sections;

namespace Eyrie.Server.WebServer;

/// <summary>A custom error page: a file's full path, a URL of the site to execute, or a URL to redirect to.</summary>
public sealed record CustomErrorPage(ErrorResponseMode Mode, string Target);
