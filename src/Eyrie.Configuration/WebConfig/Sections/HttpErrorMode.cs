namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>IIS's <c>httpErrors/@errorMode</c>: who sees the custom pages.</summary>
public enum HttpErrorMode
{
    /// <summary>IIS's default: clients on this machine see the detailed page, others the custom one.</summary>
    DetailedLocalOnly,
    Custom,
    Detailed,
}
