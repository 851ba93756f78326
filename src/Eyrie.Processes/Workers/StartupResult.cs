namespace Eyrie.Processes.Workers;

/// <summary>The end of a worker's start: ready, or a failure.</summary>
public readonly record struct StartupResult(WorkerFailure? Failure)
{
    public static StartupResult Ready => default;

    public bool Succeeded => Failure is null;
}
