namespace Eyrie.Server.Admin;

/// <summary>A binding as status output shows it: as configured, and whether its socket listens (and on which port, for port 0).</summary>
/// <param name="Binding">In appcmd's form: <c>http/*:80:shop.example</c>.</param>
/// <param name="Protocol">http or https.</param>
/// <param name="Address">The address, <c>*</c> for all.</param>
/// <param name="Port">The configured port.</param>
/// <param name="Host">The host name, empty for any.</param>
/// <param name="BoundPort">The port its socket is bound to, if it listens.</param>
/// <param name="Listening">Whether its socket listens.</param>
public sealed record BindingStatus(string Binding, string Protocol, string Address, int Port, string Host, int? BoundPort, bool Listening);
