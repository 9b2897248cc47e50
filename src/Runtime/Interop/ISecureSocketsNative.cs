using System;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace SecureSockets.Interop
{
    /// <summary>
    /// The one native seam of the wrapper: every Win32 function it calls, with the Win32 signature reduced to
    /// what the wrapper passes (structures as byte buffers in their documented layout, never an overlapped
    /// argument). <see cref="WindowsNative"/> P/Invokes the real DLLs; tests install a contract simulator
    /// through <see cref="NativeApi.Override"/>. Winsock functions return 0 / SOCKET_ERROR (-1) or a handle /
    /// INVALID_SOCKET, with the code in <see cref="WSAGetLastError"/>; SSPI functions return SECURITY_STATUS.
    /// </summary>
    internal interface ISecureSocketsNative
    {
        /// <summary>WSAStartup(2.2). Returns 0 or the error code.</summary>
        int WSAStartup();

        /// <summary>Creates a managed socket (the managed form of <c>socket()</c>, used by the builder).</summary>
        Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol);

        /// <summary>WSASocketW with no protocol info and no group. Returns the handle or INVALID_SOCKET.</summary>
        IntPtr WSASocketW(int addressFamily, int type, int protocol, uint flags);

        /// <summary>WSASetSocketSecurity (Fwpuclnt.dll) with no overlapped structure; null = default settings.</summary>
        int WSASetSocketSecurity(IntPtr socket, byte[]? settings, uint settingsLength);

        /// <summary>WSASetSocketPeerTargetName (Fwpuclnt.dll) with no overlapped structure.</summary>
        int WSASetSocketPeerTargetName(IntPtr socket, byte[]? peerTargetName, uint peerTargetNameLength);

        /// <summary>WSAImpersonateSocketPeer (Fwpuclnt.dll).</summary>
        int WSAImpersonateSocketPeer(IntPtr socket, byte[]? peerAddress, uint peerAddressLength);

        /// <summary>WSARevertImpersonation (Fwpuclnt.dll).</summary>
        int WSARevertImpersonation();

        /// <summary>bind.</summary>
        int Bind(IntPtr socket, byte[] address, int addressLength);

        /// <summary>listen.</summary>
        int Listen(IntPtr socket, int backlog);

        /// <summary>accept. Returns the accepted handle or INVALID_SOCKET; fills address/length.</summary>
        IntPtr Accept(IntPtr socket, byte[] address, ref int addressLength);

        /// <summary>connect.</summary>
        int Connect(IntPtr socket, byte[] address, int addressLength);

        /// <summary>send. Returns the count or SOCKET_ERROR.</summary>
        int Send(IntPtr socket, byte[] buffer, int offset, int count);

        /// <summary>recv. Returns the count or SOCKET_ERROR.</summary>
        int Receive(IntPtr socket, byte[] buffer, int offset, int count);

        /// <summary>sendto. Returns the count or SOCKET_ERROR.</summary>
        int SendTo(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, int addressLength);

        /// <summary>recvfrom. Returns the count or SOCKET_ERROR; fills address/length.</summary>
        int ReceiveFrom(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, ref int addressLength);

        /// <summary>closesocket.</summary>
        int CloseSocket(IntPtr socket);

        /// <summary>getsockname.</summary>
        int GetSockName(IntPtr socket, byte[] address, ref int addressLength);

        /// <summary>getpeername.</summary>
        int GetPeerName(IntPtr socket, byte[] address, ref int addressLength);

        /// <summary>getsockopt.</summary>
        int GetSockOpt(IntPtr socket, int level, int optionName, byte[] optionValue, ref int optionLength);

        /// <summary>WSAGetLastError: the calling thread's last Winsock error.</summary>
        int WSAGetLastError();

        /// <summary>ImpersonateSecurityContext (Secur32.dll).</summary>
        int ImpersonateSecurityContext(ref SspiContextHandle context);

        /// <summary>RevertSecurityContext (Secur32.dll).</summary>
        int RevertSecurityContext(ref SspiContextHandle context);

        /// <summary>QuerySecurityContextToken (Secur32.dll).</summary>
        int QuerySecurityContextToken(ref SspiContextHandle context, out IntPtr token);

        /// <summary>GetCurrentThread (a pseudo handle).</summary>
        IntPtr GetCurrentThread();

        /// <summary>OpenThreadToken (advapi32.dll). On false, <see cref="GetLastWin32Error"/> has the code.</summary>
        bool OpenThreadToken(IntPtr thread, uint desiredAccess, bool openAsSelf, out IntPtr token);

        /// <summary>CloseHandle (kernel32.dll).</summary>
        bool CloseHandle(IntPtr handle);

        /// <summary>The last Win32 error of the previous advapi32/kernel32 call on this thread.</summary>
        int GetLastWin32Error();

        /// <summary>
        /// True when <see cref="RunImpersonatedAsync"/> can run (net8.0+ on Windows, where
        /// WindowsIdentity.RunImpersonatedAsync exists).
        /// </summary>
        bool SupportsAsyncImpersonation { get; }

        /// <summary>
        /// Runs <paramref name="func"/> so that every continuation runs under <paramref name="token"/> and no thread
        /// stays impersonated (WindowsIdentity.RunImpersonatedAsync). Takes ownership of the token and closes it when
        /// the returned task completes.
        /// </summary>
        Task<T> RunImpersonatedAsync<T>(IntPtr token, Func<Task<T>> func);
    }
}
