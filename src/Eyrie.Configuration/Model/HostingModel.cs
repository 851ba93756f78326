namespace Eyrie.Configuration.Model;

/// <summary>
/// ANCM's hostingModel. Eyrie always runs the app out of process; <see cref="InProcess"/>, which
/// <c>dotnet publish</c> writes by default, is accepted and run out of process.
/// </summary>
public enum HostingModel
{
    OutOfProcess,
    InProcess,
}
