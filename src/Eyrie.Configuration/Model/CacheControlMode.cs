namespace Eyrie.Configuration.Model;

/// <summary>IIS's <c>staticContent/clientCache/@cacheControlMode</c>.</summary>
public enum CacheControlMode
{
    /// <summary>No Cache-Control or Expires header (IIS's default).</summary>
    NoControl,

    /// <summary>Cache-Control: no-cache.</summary>
    DisableCache,

    /// <summary>Cache-Control: max-age from cacheControlMaxAge.</summary>
    UseMaxAge,

    /// <summary>Expires from httpExpires.</summary>
    UseExpires,
}
