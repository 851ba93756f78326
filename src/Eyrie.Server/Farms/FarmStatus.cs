namespace Eyrie.Server.Farms;

/// <summary>A web farm as status output shows it.</summary>
/// <param name="Name">The farm's name.</param>
/// <param name="Servers">Its servers in rotation or out of it.</param>
public sealed record FarmStatus(string Name, IReadOnlyList<FarmServerStatus> Servers);
