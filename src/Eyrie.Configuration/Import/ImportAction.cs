namespace Eyrie.Configuration.Import;

/// <summary>What the IIS import did with one element or attribute.</summary>
public enum ImportAction
{
    /// <summary>Carried over with the same meaning.</summary>
    Mapped,

    /// <summary>Carried over, but written differently or behaving differently: worth a look.</summary>
    Changed,

    /// <summary>Not carried over; the message says why.</summary>
    Skipped,
}
