namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>A response header of <c>httpProtocol/customHeaders</c> or <c>redirectHeaders</c>.</summary>
public sealed record CustomHeader(string Name, string Value);
