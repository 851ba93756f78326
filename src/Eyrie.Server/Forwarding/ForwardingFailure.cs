using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding;

/// <summary>What went wrong when forwarding failed, in the words ANCM and ARR use on their 502.3 pages.</summary>
internal static class ForwardingFailure
{
    /// <summary>The first exception of type <typeparamref name="T"/> in <paramref name="exception"/>'s chain.</summary>
    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <param name="error">YARP's classification of the failure.</param>
    /// <param name="exception">The exception behind it, if any.</param>
    /// <param name="timeoutSetting">The setting a timeout comes from, named in the answer.</param>
    public static string Describe(ForwarderError error, Exception? exception, string timeoutSetting)
    {
        if (error is ForwarderError.RequestTimedOut)
        {
            return $"The operation timed out ({timeoutSetting}).";
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "A connection with the server could not be established.",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => "The connection with the server was terminated abnormally.",
                    SocketError.TimedOut => "The operation timed out.",
                    _ => socket.Message,
                };
            }

            if (inner is HttpIOException io)
            {
                // A response the app got wrong says what was wrong; a connection that broke says only that.
                return io.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded
                    ? io.Message
                    : "The connection with the server was terminated abnormally.";
            }
        }

        return exception?.Message ?? error.ToString();
    }
}
