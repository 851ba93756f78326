namespace Eyrie.Server.Admin;

/// <summary>A site as status output shows it.</summary>
public sealed record SiteStatus(string Name, IReadOnlyList<BindingStatus> Bindings, IReadOnlyList<ApplicationStatus> Applications, IReadOnlyList<VirtualDirectoryStatus> VirtualDirectories);
