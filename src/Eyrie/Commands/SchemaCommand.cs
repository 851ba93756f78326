using System.CommandLine;
using Eyrie.Configuration.Schema;

namespace Eyrie.Commands;

/// <summary><c>eyrie schema</c>: prints the JSON schema of eyrie.json, for editors.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON schema of eyrie.json (point \"$schema\" at a saved copy for editor completion).");
        command.SetAction(_ => Console.Out.Write(ConfigSchemaGenerator.GenerateText()));
        return command;
    }
}
