using System.Runtime.InteropServices;

namespace Eyrie.Server.StaticFiles;

/// <summary>The canonical path of a file, every symbolic link resolved (realpath(3)).</summary>
internal static partial class RealPath
{
    /// <summary>The canonical path, or null if the file does not exist.</summary>
    public static string? Resolve(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var resolved = RealPathNative(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>True if <paramref name="path"/> is <paramref name="root"/> or inside it (both canonical).</summary>
    public static bool IsWithin(string path, string root) =>
        path.Length == root.Length
            ? string.Equals(path, root, StringComparison.Ordinal)
            : path.StartsWith(root, StringComparison.Ordinal) && (root.EndsWith('/') || path[root.Length] == '/');

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPathNative(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
