namespace Eyrie.Configuration.Model.Pools;

/// <summary>IIS's <c>startMode</c>: when an application's workers start.</summary>
public enum StartMode
{
    /// <summary>With the first request (IIS's default).</summary>
    OnDemand,

    /// <summary>With Eyrie, and kept up whether or not requests come.</summary>
    AlwaysRunning,
}
