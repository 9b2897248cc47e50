using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace SecureSockets.Interop
{
    /// <summary>The seam's Windows implementation: plain [DllImport]s into the documented DLLs.</summary>
    internal sealed unsafe class WindowsNative : ISecureSocketsNative
    {
        private const string Ws2 = "ws2_32.dll";
        private const string Fwpuclnt = "Fwpuclnt.dll";
        private const string Secur32 = "secur32.dll";
        private const string Advapi32 = "advapi32.dll";
        private const string Kernel32 = "kernel32.dll";

        public int WSAStartup()
        {
            byte* data = stackalloc byte[1024]; // WSADATA is 400 bytes on 32-bit, 408 on 64-bit.
            return NativeWSAStartup(0x0202, data);
        }

        public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol) =>
            new Socket(family, type, protocol);

        public IntPtr WSASocketW(int addressFamily, int type, int protocol, uint flags) =>
            NativeWSASocketW(addressFamily, type, protocol, IntPtr.Zero, 0, flags);

        public int WSASetSocketSecurity(IntPtr socket, byte[]? settings, uint settingsLength)
        {
            fixed (byte* p = settings)
            {
                return NativeWSASetSocketSecurity(socket, p, settingsLength, IntPtr.Zero, IntPtr.Zero);
            }
        }

        public int WSASetSocketPeerTargetName(IntPtr socket, byte[]? peerTargetName, uint peerTargetNameLength)
        {
            fixed (byte* p = peerTargetName)
            {
                return NativeWSASetSocketPeerTargetName(socket, p, peerTargetNameLength, IntPtr.Zero, IntPtr.Zero);
            }
        }

        public int WSAImpersonateSocketPeer(IntPtr socket, byte[]? peerAddress, uint peerAddressLength)
        {
            fixed (byte* p = peerAddress)
            {
                return NativeWSAImpersonateSocketPeer(socket, p, peerAddressLength);
            }
        }

        public int WSARevertImpersonation() => NativeWSARevertImpersonation();

        public int Bind(IntPtr socket, byte[] address, int addressLength)
        {
            fixed (byte* p = address)
            {
                return NativeBind(socket, p, addressLength);
            }
        }

        public int Listen(IntPtr socket, int backlog) => NativeListen(socket, backlog);

        public IntPtr Accept(IntPtr socket, byte[] address, ref int addressLength)
        {
            fixed (byte* p = address)
            fixed (int* l = &addressLength)
            {
                return NativeAccept(socket, p, l);
            }
        }

        public int Connect(IntPtr socket, byte[] address, int addressLength)
        {
            fixed (byte* p = address)
            {
                return NativeConnect(socket, p, addressLength);
            }
        }

        public int Send(IntPtr socket, byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                return NativeSend(socket, p + offset, count, 0);
            }
        }

        public int Receive(IntPtr socket, byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                return NativeRecv(socket, p + offset, count, 0);
            }
        }

        public int SendTo(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, int addressLength)
        {
            fixed (byte* p = buffer)
            fixed (byte* a = address)
            {
                return NativeSendTo(socket, p + offset, count, 0, a, addressLength);
            }
        }

        public int ReceiveFrom(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, ref int addressLength)
        {
            fixed (byte* p = buffer)
            fixed (byte* a = address)
            fixed (int* l = &addressLength)
            {
                return NativeRecvFrom(socket, p + offset, count, 0, a, l);
            }
        }

        public int CloseSocket(IntPtr socket) => NativeCloseSocket(socket);

        public int GetSockName(IntPtr socket, byte[] address, ref int addressLength)
        {
            fixed (byte* p = address)
            fixed (int* l = &addressLength)
            {
                return NativeGetSockName(socket, p, l);
            }
        }

        public int GetPeerName(IntPtr socket, byte[] address, ref int addressLength)
        {
            fixed (byte* p = address)
            fixed (int* l = &addressLength)
            {
                return NativeGetPeerName(socket, p, l);
            }
        }

        public int GetSockOpt(IntPtr socket, int level, int optionName, byte[] optionValue, ref int optionLength)
        {
            fixed (byte* p = optionValue)
            fixed (int* l = &optionLength)
            {
                return NativeGetSockOpt(socket, level, optionName, p, l);
            }
        }

        public int WSAGetLastError() => NativeWSAGetLastError();

        public int ImpersonateSecurityContext(ref SspiContextHandle context) => NativeImpersonateSecurityContext(ref context);

        public int RevertSecurityContext(ref SspiContextHandle context) => NativeRevertSecurityContext(ref context);

        public int QuerySecurityContextToken(ref SspiContextHandle context, out IntPtr token) =>
            NativeQuerySecurityContextToken(ref context, out token);

        public IntPtr GetCurrentThread() => NativeGetCurrentThread();

        public bool OpenThreadToken(IntPtr thread, uint desiredAccess, bool openAsSelf, out IntPtr token) =>
            NativeOpenThreadToken(thread, desiredAccess, openAsSelf, out token);

        public bool CloseHandle(IntPtr handle) => NativeCloseHandle(handle);

        public int GetLastWin32Error() => Marshal.GetLastWin32Error();

#if NET
        public bool SupportsAsyncImpersonation => OperatingSystem.IsWindows();

        public Task<T> RunImpersonatedAsync<T>(IntPtr token, Func<Task<T>> func) => AsyncImpersonation.RunAsync(token, func);
#else
        public bool SupportsAsyncImpersonation => false;

        public Task<T> RunImpersonatedAsync<T>(IntPtr token, Func<Task<T>> func)
        {
            NativeCloseHandle(token);
            throw new PlatformNotSupportedException(Errors.AsyncNeedsNet8);
        }
#endif

        [DllImport(Ws2, EntryPoint = "WSAStartup")]
        private static extern int NativeWSAStartup(ushort version, byte* data);

        [DllImport(Ws2, EntryPoint = "WSASocketW")]
        private static extern IntPtr NativeWSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);

        [DllImport(Fwpuclnt, EntryPoint = "WSASetSocketSecurity")]
        private static extern int NativeWSASetSocketSecurity(IntPtr socket, byte* settings, uint settingsLength, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport(Fwpuclnt, EntryPoint = "WSASetSocketPeerTargetName")]
        private static extern int NativeWSASetSocketPeerTargetName(IntPtr socket, byte* peerTargetName, uint peerTargetNameLength, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport(Fwpuclnt, EntryPoint = "WSAImpersonateSocketPeer")]
        private static extern int NativeWSAImpersonateSocketPeer(IntPtr socket, byte* peerAddress, uint peerAddressLength);

        [DllImport(Fwpuclnt, EntryPoint = "WSARevertImpersonation")]
        private static extern int NativeWSARevertImpersonation();

        [DllImport(Ws2, EntryPoint = "bind")]
        private static extern int NativeBind(IntPtr socket, byte* address, int addressLength);

        [DllImport(Ws2, EntryPoint = "listen")]
        private static extern int NativeListen(IntPtr socket, int backlog);

        [DllImport(Ws2, EntryPoint = "accept")]
        private static extern IntPtr NativeAccept(IntPtr socket, byte* address, int* addressLength);

        [DllImport(Ws2, EntryPoint = "connect")]
        private static extern int NativeConnect(IntPtr socket, byte* address, int addressLength);

        [DllImport(Ws2, EntryPoint = "send")]
        private static extern int NativeSend(IntPtr socket, byte* buffer, int length, int flags);

        [DllImport(Ws2, EntryPoint = "recv")]
        private static extern int NativeRecv(IntPtr socket, byte* buffer, int length, int flags);

        [DllImport(Ws2, EntryPoint = "sendto")]
        private static extern int NativeSendTo(IntPtr socket, byte* buffer, int length, int flags, byte* to, int toLength);

        [DllImport(Ws2, EntryPoint = "recvfrom")]
        private static extern int NativeRecvFrom(IntPtr socket, byte* buffer, int length, int flags, byte* from, int* fromLength);

        [DllImport(Ws2, EntryPoint = "closesocket")]
        private static extern int NativeCloseSocket(IntPtr socket);

        [DllImport(Ws2, EntryPoint = "getsockname")]
        private static extern int NativeGetSockName(IntPtr socket, byte* address, int* addressLength);

        [DllImport(Ws2, EntryPoint = "getpeername")]
        private static extern int NativeGetPeerName(IntPtr socket, byte* address, int* addressLength);

        [DllImport(Ws2, EntryPoint = "getsockopt")]
        private static extern int NativeGetSockOpt(IntPtr socket, int level, int optionName, byte* optionValue, int* optionLength);

        [DllImport(Ws2, EntryPoint = "WSAGetLastError")]
        private static extern int NativeWSAGetLastError();

        [DllImport(Secur32, EntryPoint = "ImpersonateSecurityContext")]
        private static extern int NativeImpersonateSecurityContext(ref SspiContextHandle context);

        [DllImport(Secur32, EntryPoint = "RevertSecurityContext")]
        private static extern int NativeRevertSecurityContext(ref SspiContextHandle context);

        [DllImport(Secur32, EntryPoint = "QuerySecurityContextToken")]
        private static extern int NativeQuerySecurityContextToken(ref SspiContextHandle context, out IntPtr token);

        [DllImport(Kernel32, EntryPoint = "GetCurrentThread")]
        private static extern IntPtr NativeGetCurrentThread();

        [DllImport(Advapi32, EntryPoint = "OpenThreadToken", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool NativeOpenThreadToken(IntPtr thread, uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool openAsSelf, out IntPtr token);

        [DllImport(Kernel32, EntryPoint = "CloseHandle", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool NativeCloseHandle(IntPtr handle);
    }

#if NET
    /// <summary>The async half of the seam on net8.0: WindowsIdentity.RunImpersonatedAsync with the captured token.</summary>
    internal static class AsyncImpersonation
    {
        internal static async Task<T> RunAsync<T>(IntPtr token, Func<Task<T>> func)
        {
            if (!OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("WindowsIdentity.RunImpersonatedAsync exists only on Windows.");
            }

            using var handle = new Microsoft.Win32.SafeHandles.SafeAccessTokenHandle(token);
            return await System.Security.Principal.WindowsIdentity.RunImpersonatedAsync(handle, func).ConfigureAwait(false);
        }
    }
#endif
}
