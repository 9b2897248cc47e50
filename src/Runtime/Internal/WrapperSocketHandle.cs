using System;
using System.Runtime.InteropServices;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>Owns a SOCKET the wrapper created with WSASocketW; closes it through the seam that created it.</summary>
    internal sealed class WrapperSocketHandle : SafeHandle
    {
        private readonly ISecureSocketsNative _native;

        internal WrapperSocketHandle(ISecureSocketsNative native, IntPtr handle)
            : base(NativeConstants.INVALID_SOCKET, ownsHandle: true)
        {
            _native = native;
            SetHandle(handle);
        }

        public override bool IsInvalid => handle == NativeConstants.INVALID_SOCKET || handle == IntPtr.Zero;

        internal ISecureSocketsNative Native => _native;

        protected override bool ReleaseHandle()
        {
            SecuredSocketRegistry.Forget(handle);
            return _native.CloseSocket(handle) == 0;
        }
    }

    /// <summary>Shared plumbing of the wrapper-created (non-overlapped, blocking) sockets.</summary>
    internal static class WrapperSockets
    {
        /// <summary>
        /// WSASocketW WITHOUT WSA_FLAG_OVERLAPPED: a blocking, non-overlapped socket, the only kind
        /// WSAImpersonateSocketPeer accepts (C-IMP-2). Then WSASetSocketSecurity right away (C-SEC-2, C-SEC-3).
        /// </summary>
        internal static WrapperSocketHandle CreateSecured(ISecureSocketsNative native, int family, int type, int protocol, SocketSecuritySettings? settings)
        {
            NativeApi.EnsureStarted(native);
            IntPtr raw = native.WSASocketW(family, type, protocol, 0);
            if (raw == NativeConstants.INVALID_SOCKET)
            {
                int error = native.WSAGetLastError();
                throw Errors.Winsock(error, "WSASocketW", "C-ALL-2", "The socket was not created.");
            }

            var handle = new WrapperSocketHandle(native, raw);
            try
            {
                SocketSecurity.ApplyCore(raw, handle, settings, "socket");
                return handle;
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        internal static System.Net.IPEndPoint Bind(ISecureSocketsNative native, WrapperSocketHandle handle, System.Net.IPEndPoint local)
        {
            byte[] address = SockAddr.Encode(local);
            if (native.Bind(handle.DangerousGetHandle(), address, address.Length) != 0)
            {
                int error = native.WSAGetLastError();
                throw Errors.Winsock(error, "bind", "C-ALL-2", "The socket is not bound.");
            }

            return LocalEndPoint(native, handle) ?? local;
        }

        internal static System.Net.IPEndPoint? LocalEndPoint(ISecureSocketsNative native, WrapperSocketHandle handle)
        {
            var buffer = new byte[NativeConstants.SockAddrStorageSize];
            int length = buffer.Length;
            if (native.GetSockName(handle.DangerousGetHandle(), buffer, ref length) != 0)
            {
                int error = native.WSAGetLastError();
                throw Errors.Winsock(error, "getsockname", "C-ALL-2", "The local address could not be read.");
            }

            return SockAddr.Decode(buffer, length);
        }

        internal static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (count < 0 || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }
        }

        internal static int FamilyOf(System.Net.IPEndPoint endPoint, string paramName)
        {
            if (endPoint == null)
            {
                throw new ArgumentNullException(paramName);
            }

            if (endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return NativeConstants.AF_INET;
            }

            if (endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return NativeConstants.AF_INET6;
            }

            throw new ArgumentException("C-IMP-7: only AF_INET and AF_INET6 endpoints are supported, not " + endPoint.AddressFamily + ". No call was made.", paramName);
        }
    }
}
