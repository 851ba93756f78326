namespace Eyrie.Admin;

/// <summary>An edit the CLI cannot make: a site that does not exist, a binding that is already there.</summary>
internal sealed class ConfigEditException(string message) : Exception(message);
