namespace Eyrie.Processes.Pools;

/// <summary>What a changed file of an app folder means for its workers.</summary>
internal enum AppFileChange
{
    /// <summary>Nothing: the app's own logs, static files it serves as they are.</summary>
    None,

    /// <summary>web.config changed: a recycle unless disallowRotationOnConfigChange.</summary>
    WebConfig,

    /// <summary>Any other file: a deploy.</summary>
    Deploy,
}
