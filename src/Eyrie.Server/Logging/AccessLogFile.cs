using Eyrie.Configuration.Model;
using Microsoft.Win32.SafeHandles;

namespace Eyrie.Server.Logging;

/// <summary>
/// The file a site's log is being written to: opened (the folder created) on the first write, a header written
/// each time it is opened, changed when the period, the settings or (maxSize) the size say so. A write either
/// lands whole or is undone: on failure (disk full, no permission) the file is cut back to where it was and
/// closed, so the next write opens it again and a log never holds half a line.
/// </summary>
internal sealed class AccessLogFile : IDisposable
{
    private SafeFileHandle? _handle;
    private AccessLogSettings? _settings;
    private long _length;
    private byte[]? _header;
    private int _sequence;

    /// <summary>The file written last, or null before the first write.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>Appends <paramref name="lines"/> (whole lines) to the file for <paramref name="time"/> under <paramref name="settings"/>.</summary>
    /// <exception cref="IOException">The file could not be opened or written (nothing of these lines was kept).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file may not be written.</exception>
    public void Write(AccessLogSettings settings, DateTimeOffset time, ReadOnlyMemory<byte> lines)
    {
        if (settings.Period != LogPeriod.MaxSize)
        {
            Open(settings, Path.Combine(settings.Directory, LogFileNaming.FileName(settings.Period, settings.ToClock(time))), time);
            Append(lines);
            return;
        }

        while (!lines.IsEmpty)
        {
            if (_sequence == 0 || !ReferenceEquals(settings, _settings))
            {
                _sequence = Math.Max(1, LastSequence(settings.Directory));
            }

            Open(settings, Path.Combine(settings.Directory, LogFileNaming.FileName(LogPeriod.MaxSize, default, _sequence)), time);
            var room = settings.TruncateSize - _length - (_header?.Length ?? 0);
            var fits = WholeLinesWithin(lines.Span, room);
            if (fits == 0 && _length > 0)
            {
                // This file is full: the rest goes to the next one.
                Close();
                _sequence++;
                continue;
            }

            if (fits == 0)
            {
                fits = lines.Span.IndexOf((byte)'\n') + 1;
            }

            Append(lines[..fits]);
            lines = lines[fits..];
        }
    }

    public void Dispose() => Close();

    private void Open(AccessLogSettings settings, string path, DateTimeOffset time)
    {
        if (_handle is not null && ReferenceEquals(settings, _settings) && path == CurrentPath)
        {
            return;
        }

        Close();
        Directory.CreateDirectory(settings.Directory);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _length = RandomAccess.GetLength(handle);
        _handle = handle;
        _settings = settings;
        _header = settings.Header(time);
        CurrentPath = path;
    }

    private void Append(ReadOnlyMemory<byte> lines)
    {
        var handle = _handle!;
        var start = _length;
        try
        {
            if (_header is { } header)
            {
                RandomAccess.Write(handle, [header, lines], start);
                _length = start + header.Length + lines.Length;
                _header = null;
            }
            else
            {
                RandomAccess.Write(handle, lines.Span, start);
                _length = start + lines.Length;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Undo(handle, start);
            throw;
        }
    }

    /// <summary>Cuts the file back to <paramref name="length"/> (a full disk still allows that) and closes it.</summary>
    private void Undo(SafeFileHandle handle, long length)
    {
        try
        {
            RandomAccess.SetLength(handle, length);
        }
        catch (IOException)
        {
            // Nothing more can be done; the next open appends after whatever is there.
        }

        Close();
    }

    private void Close()
    {
        _handle?.Dispose();
        _handle = null;
        _header = null;
    }

    /// <summary>How many bytes of <paramref name="lines"/> are whole lines within <paramref name="room"/> bytes.</summary>
    private static int WholeLinesWithin(ReadOnlySpan<byte> lines, long room)
    {
        if (room <= 0)
        {
            return 0;
        }

        if (room >= lines.Length)
        {
            return lines.Length;
        }

        return lines[..(int)room].LastIndexOf((byte)'\n') + 1;
    }

    /// <summary>The highest N of the u_extendN.log files already in <paramref name="directory"/>, so a restart continues there.</summary>
    private static int LastSequence(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        return Directory.EnumerateFiles(directory, "u_extend*.log").Select(f => LogFileNaming.SequenceOf(Path.GetFileName(f))).DefaultIfEmpty(0).Max();
    }
}
