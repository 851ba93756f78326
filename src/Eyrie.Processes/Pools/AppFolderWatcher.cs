namespace Eyrie.Processes.Pools;

/// <summary>
/// Watches an app folder and its subfolders: app_offline.htm at its root (any letter case, as on Windows),
/// and every other file change, reported with its path relative to the folder unless the pool ignores it
/// (its own stdout logs, static files under wwwroot).
/// </summary>
internal sealed class AppFolderWatcher : IDisposable
{
    public const string AppOfflineFileName = "app_offline.htm";

    private readonly FileSystemWatcher? _watcher;
    private readonly Action _onAppOffline;
    private readonly Action<string> _onFileChanged;

    public AppFolderWatcher(string folder, Action onAppOffline, Action<string> onFileChanged, Action<Exception> onError)
    {
        _onAppOffline = onAppOffline;
        _onFileChanged = onFileChanged;
        try
        {
            _watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Created += OnEvent;
            _watcher.Changed += OnEvent;
            _watcher.Deleted += OnEvent;
            _watcher.Renamed += (_, e) =>
            {
                Dispatch(e.OldName);
                Dispatch(e.Name);
            };
            _watcher.Error += (_, e) =>
            {
                // Events may have been lost (buffer overflow): look at the folder again.
                onError(e.GetException());
                onAppOffline();
                onFileChanged("");
            };
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException)
        {
            onError(ex);
        }
    }

    /// <summary>Reads app_offline.htm (any letter case) from <paramref name="folder"/>, or null if absent.</summary>
    public static byte[]? ReadAppOffline(string folder)
    {
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false, IgnoreInaccessible = false };
        foreach (var path in Directory.EnumerateFiles(folder, AppOfflineFileName, options))
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (IOException)
            {
                // ANCM counts a file it cannot read (locked) as present.
                return [];
            }
            catch (UnauthorizedAccessException)
            {
                return [];
            }
        }

        return null;
    }

    public void Dispose() => _watcher?.Dispose();

    private void OnEvent(object sender, FileSystemEventArgs e) => Dispatch(e.Name);

    private void Dispatch(string? name)
    {
        if (name is null)
        {
            return;
        }

        if (name.Equals(AppOfflineFileName, StringComparison.OrdinalIgnoreCase))
        {
            _onAppOffline();
        }
        else
        {
            _onFileChanged(name);
        }
    }
}
