using System.Net.Security;
using System.Security.Authentication;
using Eyrie.Configuration.Certificates;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Tls;

/// <summary>
/// One server certificate, from its files, ready for handshakes. The files are watched: a good new version
/// is used by the next handshake (open connections keep theirs); a bad one is refused, logged with the
/// reason, and the current certificate stays.
/// </summary>
public sealed partial class CertificateSource : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _reloadTimer;
    private volatile Loaded _current;
    private volatile string? _lastError;

    /// <exception cref="CertificateLoadException">The files cannot give a usable certificate.</exception>
    public CertificateSource(CertificateFiles files, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        Files = files;
        _logger = logger;
        _current = Load(files);
        _reloadTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var folder in files.AllFiles.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public CertificateFiles Files { get; }

    /// <summary>What a handshake presents: the current certificate with its chain, TLS 1.2/1.3, h2 and http/1.1.</summary>
    public SslServerAuthenticationOptions Options => _current.Options;

    public string SerialNumber => _current.SerialNumber;

    public DateTimeOffset NotAfter => _current.NotAfter;

    /// <summary>Why the last attempt to reload failed; null once a reload succeeds.</summary>
    public string? LastError => _lastError;

    /// <summary>Loads the files again now; keeps the current certificate if they are not usable.</summary>
    public bool Reload()
    {
        try
        {
            var loaded = Load(Files);
            var previous = _current.SerialNumber;
            _current = loaded;
            _lastError = null;
            LogReloaded(_logger, Files.Path, previous, loaded.SerialNumber);
            return true;
        }
        catch (CertificateLoadException ex)
        {
            _lastError = ex.Message;
            LogReloadFailed(_logger, Files.Path, ex.Message, _current.SerialNumber);
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _reloadTimer.Dispose();
    }

    private static Loaded Load(CertificateFiles files)
    {
        var certificate = CertificateLoader.Load(files);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate.Certificate, certificate.Intermediates, offline: true),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            ClientCertificateRequired = false,
            AllowRenegotiation = false,
        };
        return new Loaded(options, certificate.SerialNumber, new DateTimeOffset(certificate.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Editors and deploy tools write in several steps (key and certificate, temp file and rename):
        // wait until the files have been quiet for a moment.
        if (Files.AllFiles.Any(f => string.Equals(f, e.FullPath, StringComparison.Ordinal)) ||
            (e is RenamedEventArgs renamed && Files.AllFiles.Any(f => string.Equals(f, renamed.OldFullPath, StringComparison.Ordinal))))
        {
            _reloadTimer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed record Loaded(SslServerAuthenticationOptions Options, string SerialNumber, DateTimeOffset NotAfter);

    [LoggerMessage(EventId = EventIds.CertificateReloaded, Level = LogLevel.Information, Message = "Certificate {Path} reloaded: serial {Previous} → {Current}; new handshakes use it")]
    private static partial void LogReloaded(ILogger logger, string path, string previous, string current);

    [LoggerMessage(EventId = EventIds.CertificateReloadFailed, Level = LogLevel.Error, Message = "Certificate {Path} changed but cannot be used ({Reason}); still serving serial {Serial}")]
    private static partial void LogReloadFailed(ILogger logger, string path, string reason, string serial);
}
