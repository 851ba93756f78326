using Eyrie.Configuration.Model;
using Microsoft.Win32.SafeHandles;

namespace Eyrie.Server.Logging;

/// <summary>
/// The file a site's log is being written to: opened (the folder created) on the first write, with a header
/// before each block of this writer's lines, changed when the period, the settings or (maxSize) the size say so.
/// When the disk refuses a write (full, no permission), the file is cut back to the last whole line that reached
/// it and closed, so a log never holds half a line and the next write opens it again (freed space is seen).
/// </summary>
internal sealed class AccessLogFile : IDisposable
{
    private SafeFileHandle? _handle;
    private AccessLogSettings? _settings;
    private long _length;
    private byte[]? _header;
    private int _sequence;
    private string? _headerPath;
    private AccessLogSettings? _headerSettings;

    /// <summary>The file written last, or null before the first write.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>
    /// Appends <paramref name="lines"/> (whole lines) to the file for <paramref name="time"/> under <paramref name="settings"/>.
    /// When the disk refuses part of them, the lines that fitted whole are kept and the rest reported.
    /// </summary>
    public AccessLogWriteResult Write(AccessLogSettings settings, DateTimeOffset time, ReadOnlyMemory<byte> lines)
    {
        var kept = 0;
        try
        {
            if (settings.Period != LogPeriod.MaxSize)
            {
                Open(settings, Path.Combine(settings.Directory, LogFileNaming.FileName(settings.Period, settings.ToClock(time))), time);
                kept = Append(lines, out var error);
                return new AccessLogWriteResult(kept, error);
            }

            while (kept < lines.Length)
            {
                var rest = lines[kept..];
                if (_sequence == 0 || !ReferenceEquals(settings, _settings))
                {
                    _sequence = Math.Max(1, LastSequence(settings.Directory));
                }

                Open(settings, Path.Combine(settings.Directory, LogFileNaming.FileName(LogPeriod.MaxSize, default, _sequence)), time);
                var room = settings.TruncateSize - _length - (_header?.Length ?? 0);
                var fits = WholeLinesWithin(rest.Span, room);
                if (fits == 0 && _length > 0)
                {
                    // This file is full: the rest goes to the next one.
                    Close();
                    _sequence++;
                    continue;
                }

                if (fits == 0)
                {
                    fits = rest.Span.IndexOf((byte)'\n') + 1;
                }

                kept += Append(rest[..fits], out var error);
                if (error is not null)
                {
                    return new AccessLogWriteResult(kept, error);
                }
            }

            return new AccessLogWriteResult(kept, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new AccessLogWriteResult(kept, ex);
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
        CurrentPath = path;

        // A header starts every file, and every block after a restart or a change of settings; not a reopen after a failed write.
        var continues = _length > 0 && path == _headerPath && ReferenceEquals(settings, _headerSettings);
        _header = continues ? null : settings.Header(time);
    }

    /// <summary>Writes the header if due, then the lines; returns how many bytes of the lines were kept (all, unless <paramref name="error"/> says why not).</summary>
    private int Append(ReadOnlyMemory<byte> lines, out Exception? error)
    {
        error = null;
        var handle = _handle!;
        var start = _length;
        var header = _header ?? [];
        try
        {
            if (header.Length > 0)
            {
                RandomAccess.Write(handle, [header, lines], start);
                _header = null;
                _headerPath = CurrentPath;
                _headerSettings = _settings;
            }
            else
            {
                RandomAccess.Write(handle, lines.Span, start);
            }

            _length = start + header.Length + lines.Length;
            return lines.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex;
            return KeepWholeLines(handle, start, header.Length, lines.Span);
        }
    }

    /// <summary>
    /// After a failed write, cuts the file back to the last whole line that reached it (a full disk still allows
    /// that; nothing at all if the header did not fit) and closes it, so that the log never holds half a line and
    /// the next write opens it again. Returns how many bytes of the lines were kept.
    /// </summary>
    private int KeepWholeLines(SafeFileHandle handle, long start, int headerLength, ReadOnlySpan<byte> lines)
    {
        var kept = 0;
        try
        {
            var reached = RandomAccess.GetLength(handle) - start - headerLength;
            if (reached > 0)
            {
                kept = lines[..(int)Math.Min(reached, lines.Length)].LastIndexOf((byte)'\n') + 1;
            }

            RandomAccess.SetLength(handle, kept == 0 ? start : start + headerLength + kept);
        }
        catch (IOException)
        {
            // Nothing more can be done; the next open appends after whatever is there.
            kept = 0;
        }

        Close();
        return kept;
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
