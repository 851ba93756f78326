namespace Eyrie.Configuration.Model.Security;

/// <summary>
/// An entry of an IIS configuration collection, named by its unique key (<c>verb</c>, <c>fileExtension</c>, …):
/// what makes two entries duplicates and what a <c>&lt;remove&gt;</c> names. Implemented explicitly, so the key
/// is not a configuration property of its own.
/// </summary>
public interface IKeyedEntry
{
    string Key { get; }
}
