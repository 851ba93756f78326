using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Eyrie.Server.Security;

/// <summary>A client address as a 128-bit value: a dictionary key that costs no allocation (IPv4 as ::ffff:a.b.c.d).</summary>
public static class ClientKey
{
    public static UInt128 From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[10] = 0xFF;
            bytes[11] = 0xFF;
            address.TryWriteBytes(bytes[12..], out _);
        }
        else
        {
            address.TryWriteBytes(bytes, out _);
        }

        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
