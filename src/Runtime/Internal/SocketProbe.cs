using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>What the documented queries say about a raw socket handle.</summary>
    internal readonly struct SocketFacts
    {
        internal SocketFacts(int family, int type, int protocol, IPEndPoint? remote, bool listening, bool bound)
        {
            Family = family;
            Type = type;
            Protocol = protocol;
            Remote = remote;
            Listening = listening;
            Bound = bound;
        }

        internal int Family { get; }

        internal int Type { get; }

        internal int Protocol { get; }

        /// <summary>The peer getpeername reported; null when the socket is not connected.</summary>
        internal IPEndPoint? Remote { get; }

        internal bool Connected => Remote != null;

        internal bool Listening { get; }

        internal bool Bound { get; }

        internal bool IsStream => Type == NativeConstants.SOCK_STREAM;

        internal AddressFamily AddressFamily => Family == NativeConstants.AF_INET6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
    }

    /// <summary>
    /// Learns a raw socket's kind and state only through documented queries: getsockopt(SO_PROTOCOL_INFOW),
    /// getpeername, getsockopt(SO_ACCEPTCONN), getsockname. Throws for a handle that is no socket or of a kind the
    /// secure socket functions refuse (C-SEC-5, C-TGT-6, C-IMP-7), before the function itself is called.
    /// </summary>
    internal static class SocketProbe
    {
        internal static SocketFacts Probe(ISecureSocketsNative native, IntPtr handle, string kindClause, string notSocketClause, string paramName)
        {
            var info = new byte[NativeConstants.WSAPROTOCOL_INFOW_Size];
            int length = info.Length;
            if (native.GetSockOpt(handle, NativeConstants.SOL_SOCKET, NativeConstants.SO_PROTOCOL_INFOW, info, ref length) != 0)
            {
                int error = native.WSAGetLastError();
                throw Errors.Winsock(
                    error,
                    "getsockopt(SO_PROTOCOL_INFOW)",
                    error == NativeConstants.WSAENOTSOCK ? notSocketClause : kindClause,
                    error == NativeConstants.WSAENOTSOCK
                        ? "The handle is not a socket (WSAENOTSOCK); nothing was changed."
                        : "The socket's kind could not be read; nothing was changed.");
            }

            int family = (int)SockAddr.ReadUInt32(info, NativeConstants.WSAPROTOCOL_INFOW_AddressFamilyOffset);
            int type = (int)SockAddr.ReadUInt32(info, NativeConstants.WSAPROTOCOL_INFOW_SocketTypeOffset);
            int protocol = (int)SockAddr.ReadUInt32(info, NativeConstants.WSAPROTOCOL_INFOW_ProtocolOffset);
            CheckKind(family, type, kindClause, paramName);

            var address = new byte[NativeConstants.SockAddrStorageSize];
            length = address.Length;
            IPEndPoint? remote = null;
            if (native.GetPeerName(handle, address, ref length) == 0)
            {
                remote = SockAddr.Decode(address, length) ?? new IPEndPoint(IPAddress.None, 0);
            }
            else
            {
                int error = native.WSAGetLastError();
                if (error != NativeConstants.WSAENOTCONN)
                {
                    throw Errors.Winsock(error, "getpeername", "C-ALL-2", "The socket's connection state could not be read; nothing was changed.");
                }
            }

            bool listening = false;
            if (type == NativeConstants.SOCK_STREAM && remote == null)
            {
                var flag = new byte[4];
                length = flag.Length;
                if (native.GetSockOpt(handle, NativeConstants.SOL_SOCKET, NativeConstants.SO_ACCEPTCONN, flag, ref length) != 0)
                {
                    int error = native.WSAGetLastError();
                    throw Errors.Winsock(error, "getsockopt(SO_ACCEPTCONN)", "C-ALL-2", "Whether the socket listens could not be read; nothing was changed.");
                }

                listening = SockAddr.ReadUInt32(flag, 0) != 0;
            }

            bool bound = remote != null || listening;
            if (!bound)
            {
                length = address.Length;
                if (native.GetSockName(handle, address, ref length) == 0)
                {
                    bound = true;
                }
                else
                {
                    int error = native.WSAGetLastError();
                    if (error != NativeConstants.WSAEINVAL)
                    {
                        throw Errors.Winsock(error, "getsockname", "C-ALL-2", "Whether the socket is bound could not be read; nothing was changed.");
                    }
                }
            }

            return new SocketFacts(family, type, protocol, remote, listening, bound);
        }

        internal static void CheckKind(int family, int type, string kindClause, string paramName)
        {
            if (family != NativeConstants.AF_INET && family != NativeConstants.AF_INET6)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "{0}: the socket's address family is {1}; only AF_INET (2) and AF_INET6 (23) are supported (Winsock: WSAEAFNOSUPPORT). No call was made.", kindClause, family),
                    paramName);
            }

            if (type != NativeConstants.SOCK_STREAM && type != NativeConstants.SOCK_DGRAM)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "{0}: the socket's type is {1}; only SOCK_STREAM (1) and SOCK_DGRAM (2) are supported (Winsock: WSAEINVAL). No call was made.", kindClause, type),
                    paramName);
            }
        }

        internal static void CheckManagedKind(Socket socket, string kindClause, string paramName)
        {
            if (socket.AddressFamily != AddressFamily.InterNetwork && socket.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException(
                    kindClause + ": the socket's address family is " + socket.AddressFamily + "; only InterNetwork (AF_INET) and InterNetworkV6 (AF_INET6) are supported. No call was made.",
                    paramName);
            }

            if (socket.SocketType != SocketType.Stream && socket.SocketType != SocketType.Dgram)
            {
                throw new ArgumentException(
                    kindClause + ": the socket's type is " + socket.SocketType + "; only Stream and Dgram are supported. No call was made.",
                    paramName);
            }
        }

        internal static bool IsDisposed(Socket socket)
        {
#if NET
            return socket.SafeHandle.IsClosed || socket.SafeHandle.IsInvalid;
#else
            try
            {
                _ = socket.LocalEndPoint;
                return false;
            }
            catch (ObjectDisposedException)
            {
                return true;
            }
#endif
        }
    }
}
