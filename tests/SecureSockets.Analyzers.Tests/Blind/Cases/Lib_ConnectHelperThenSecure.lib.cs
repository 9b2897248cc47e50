// BlindLib: a Winsock interop helper assembly, annotated with the SecureSockets contract attributes.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SecureSockets.Contracts;

namespace SecureSockets.Contracts
{
    // Declared here, internal: the analyzer matches these by full name, no package dependency.

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class ConnectsSocketAttribute : Attribute
    {
        public ConnectsSocketAttribute(string parameterName) { ParameterName = parameterName; }
        public string ParameterName { get; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class ChecksResultAttribute : Attribute
    {
        public ChecksResultAttribute(string parameterName) { ParameterName = parameterName; }
        public string ParameterName { get; }
    }
}

namespace Contoso.Net.Interop
{
    public static class WinsockHelpers
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        private static extern int connect(IntPtr s, byte[] name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        /// <summary>Connects a raw socket; throws SocketException on failure.</summary>
        [ConnectsSocket("socket")]
        public static void ConnectTo(IntPtr socket, IPEndPoint endpoint)
        {
            SocketAddress address = endpoint.Serialize();
            byte[] raw = new byte[address.Size];
            for (int i = 0; i < raw.Length; i++)
                raw[i] = address[i];

            if (connect(socket, raw, raw.Length) != 0)
                throw new SocketException(WSAGetLastError());
        }
    }

    public static class Win32Check
    {
        /// <summary>Throws a SocketException when a Winsock call returned SOCKET_ERROR.</summary>
        [ChecksResult("status")]
        public static void ThrowIfSocketError(int status, string api)
        {
            if (status != 0)
                throw new SocketException(WinsockHelpers.WSAGetLastError());
        }
    }
}
