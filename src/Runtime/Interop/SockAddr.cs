using System;
using System.Net;
using System.Net.Sockets;

namespace SecureSockets.Interop
{
    /// <summary>Windows sockaddr_in / sockaddr_in6 encoding (family in host order, port in network order).</summary>
    internal static class SockAddr
    {
        internal const int IPv4Size = 16;
        internal const int IPv6Size = 28;

        internal static byte[] Encode(IPEndPoint endPoint)
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetwork)
            {
                var buffer = new byte[IPv4Size];
                WriteUInt16(buffer, 0, NativeConstants.AF_INET);
                WritePort(buffer, endPoint.Port);
                Buffer.BlockCopy(endPoint.Address.GetAddressBytes(), 0, buffer, 4, 4);
                return buffer;
            }

            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var buffer = new byte[IPv6Size];
                WriteUInt16(buffer, 0, NativeConstants.AF_INET6);
                WritePort(buffer, endPoint.Port);
                Buffer.BlockCopy(endPoint.Address.GetAddressBytes(), 0, buffer, 8, 16);
                WriteUInt32(buffer, 24, (uint)endPoint.Address.ScopeId);
                return buffer;
            }

            throw new ArgumentException("Only AF_INET and AF_INET6 addresses are supported.", nameof(endPoint));
        }

        /// <summary>Decodes a sockaddr; null when the family is neither AF_INET nor AF_INET6 or it is too short.</summary>
        internal static IPEndPoint? Decode(byte[] buffer, int length)
        {
            if (length < 2 || buffer.Length < length)
            {
                return null;
            }

            int family = buffer[0] | (buffer[1] << 8);
            int port = (buffer[2] << 8) | buffer[3];
            if (family == NativeConstants.AF_INET && length >= IPv4Size)
            {
                var bytes = new byte[4];
                Buffer.BlockCopy(buffer, 4, bytes, 0, 4);
                return new IPEndPoint(new IPAddress(bytes), port);
            }

            if (family == NativeConstants.AF_INET6 && length >= IPv6Size)
            {
                var bytes = new byte[16];
                Buffer.BlockCopy(buffer, 8, bytes, 0, 16);
                long scope = ReadUInt32(buffer, 24);
                return new IPEndPoint(new IPAddress(bytes, scope), port);
            }

            return null;
        }

        /// <summary>Brings <paramref name="endPoint"/> to the socket's family (IPv4-mapped IPv6 both ways).</summary>
        internal static IPEndPoint? ToFamily(IPEndPoint endPoint, AddressFamily family)
        {
            if (endPoint.AddressFamily == family)
            {
                return endPoint;
            }

            if (family == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork)
            {
                return new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port);
            }

            if (family == AddressFamily.InterNetwork && endPoint.Address.IsIPv4MappedToIPv6)
            {
                return new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port);
            }

            return null;
        }

        internal static bool IsUnspecified(IPEndPoint endPoint) =>
            endPoint.Port == 0
            && (endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any));

        internal static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        internal static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        internal static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            WriteUInt32(buffer, offset, (uint)value);
            WriteUInt32(buffer, offset + 4, (uint)(value >> 32));
        }

        internal static uint ReadUInt32(byte[] buffer, int offset) =>
            (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));

        private static void WritePort(byte[] buffer, int port)
        {
            buffer[2] = (byte)(port >> 8);
            buffer[3] = (byte)port;
        }
    }
}
