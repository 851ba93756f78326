using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>IIS's site <c>hsts</c> element: HTTP Strict Transport Security and the http → https redirect.</summary>
public sealed record HstsConfig
{
    [Description("Send Strict-Transport-Security on https responses.")]
    public bool Enabled { get; init; }

    [Description("The max-age of Strict-Transport-Security, in seconds.")]
    [Range(0, int.MaxValue)]
    public int MaxAge { get; init; }

    [Description("Add includeSubDomains to Strict-Transport-Security.")]
    public bool IncludeSubDomains { get; init; }

    [Description("Add preload to Strict-Transport-Security.")]
    public bool Preload { get; init; }

    [Description("Answer http requests with a 301 redirect to the site's https binding.")]
    public bool RedirectHttpToHttps { get; init; }
}
