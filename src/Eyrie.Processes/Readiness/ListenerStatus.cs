namespace Eyrie.Processes.Readiness;

public enum ListenerStatus
{
    NotListening,
    Listening,

    /// <summary>Something listens on the port, but not the worker or its children (ANCM treats this as a failed start).</summary>
    ListeningByOtherProcess,
}
