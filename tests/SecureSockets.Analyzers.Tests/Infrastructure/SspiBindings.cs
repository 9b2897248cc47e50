namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>SSPI binding shapes users write (RULES.md "Results": int, uint, enum, HRESULT-like struct, bool).</summary>
public static class SspiBindings
{
    /// <summary>The most common real form: a two-IntPtr SECURITY_HANDLE struct passed by ref, int status.</summary>
    public const string DllImportRefStruct = """
        [StructLayout(LayoutKind.Sequential)]
        public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }

        public static class Sspi
        {
            public const int SEC_E_OK = 0;
            public const int SEC_E_NO_IMPERSONATION = unchecked((int)0x8009030B);
            [DllImport("secur32.dll")] public static extern int ImpersonateSecurityContext(ref SecHandle context);
            [DllImport("secur32.dll")] public static extern int RevertSecurityContext(ref SecHandle context);
            [DllImport("sspicli.dll", EntryPoint = "ImpersonateSecurityContext")] public static extern int ImpersonateSecurityContext_NT(ref SecHandle context);
            [DllImport("advapi32.dll", SetLastError = true)] public static extern bool RevertToSelf();
            [DllImport("advapi32.dll", SetLastError = true)] public static extern bool SetThreadToken(IntPtr thread, IntPtr token);
        }

        public static class PeerImp
        {
            [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
            [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
        }
        """;

    /// <summary>uint and enum status types (SecurityStatus-like).</summary>
    public const string EnumStatus = """
        public enum SecurityStatus : uint { OK = 0, InvalidHandle = 0x80090301, NoImpersonation = 0x8009030B }

        public sealed class CtxtHandleClass { public IntPtr Lower; public IntPtr Upper; }

        public static class SspiEnum
        {
            [DllImport("Secur32.dll")] public static extern SecurityStatus ImpersonateSecurityContext(ref SecHandle context);
            [DllImport("Secur32.dll")] public static extern SecurityStatus RevertSecurityContext(ref SecHandle context);
            [DllImport("Secur32.dll")] public static extern uint ImpersonateSecurityContext(CtxtHandleClass context);
        }
        """;

    /// <summary>An HRESULT-like status struct (the Vanara / CsWin32 shape) with Succeeded, Failed and ThrowIfFailed.</summary>
    public const string HResultStruct = """
        public readonly struct HRESULT
        {
            private readonly int value;
            public HRESULT(int value) => this.value = value;
            public bool Succeeded => value >= 0;
            public bool Failed => value < 0;
            public static readonly HRESULT S_OK = new HRESULT(0);
            public void ThrowIfFailed() { if (Failed) throw new System.ComponentModel.Win32Exception(value); }
            public static bool operator ==(HRESULT a, HRESULT b) => a.value == b.value;
            public static bool operator !=(HRESULT a, HRESULT b) => a.value != b.value;
            public override bool Equals(object? o) => o is HRESULT h && h.value == value;
            public override int GetHashCode() => value;
        }

        public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }

        public static class SspiH
        {
            [DllImport("secur32.dll")] public static extern HRESULT ImpersonateSecurityContext(in CtxtHandle context);
            [DllImport("secur32.dll")] public static extern HRESULT RevertSecurityContext(in CtxtHandle context);
        }
        """;

    /// <summary>A class (reference type) context handle passed by value, int status.</summary>
    public const string ClassHandle = """
        [StructLayout(LayoutKind.Sequential)]
        public sealed class SecHandleClass { public IntPtr dwLower; public IntPtr dwUpper; }

        public static class SspiClass
        {
            [DllImport("SECUR32.DLL")] public static extern int ImpersonateSecurityContext(SecHandleClass context);
            [DllImport("SECUR32.DLL")] public static extern int RevertSecurityContext(SecHandleClass context);
        }
        """;

    /// <summary>Handles held by SafeHandles: an SSPI context SafeHandle, and a SafeSocketHandle for peer impersonation (uint status).</summary>
    public const string SafeHandleHeld = """
        public sealed class SafeContextHandle : SafeHandle
        {
            public SafeContextHandle() : base(IntPtr.Zero, true) { }
            public override bool IsInvalid => handle == IntPtr.Zero;
            protected override bool ReleaseHandle() => true;
        }

        public static class SspiSafe
        {
            [DllImport("sspicli")] public static extern int ImpersonateSecurityContext(SafeContextHandle context);
            [DllImport("sspicli")] public static extern int RevertSecurityContext(SafeContextHandle context);
        }

        public static class PeerSafe
        {
            [DllImport("fwpuclnt.dll")] public static extern uint WSAImpersonateSocketPeer(SafeSocketHandle socket, IntPtr peerAddr, uint peerAddrLen);
            [DllImport("fwpuclnt.dll")] public static extern uint WSARevertImpersonation();
        }
        """;

    /// <summary>Peer impersonation through [LibraryImport] partials (generated half written out), nint socket.</summary>
    public const string PeerLibraryImport = """
        public static partial class PeerInterop
        {
            [LibraryImport("fwpuclnt.dll")]
            public static partial int WSAImpersonateSocketPeer(nint socket, nint peerAddr, uint peerAddrLen);
            [LibraryImport("fwpuclnt.dll")]
            public static partial int WSARevertImpersonation();
        }

        public static partial class PeerInterop
        {
            public static partial int WSAImpersonateSocketPeer(nint socket, nint peerAddr, uint peerAddrLen)
            {
                return __PInvoke(socket, peerAddr, peerAddrLen);
                [DllImport("fwpuclnt.dll", EntryPoint = "WSAImpersonateSocketPeer", ExactSpelling = true)]
                static extern int __PInvoke(nint socket, nint peerAddr, uint peerAddrLen);
            }

            public static partial int WSARevertImpersonation()
            {
                return __PInvoke();
                [DllImport("fwpuclnt.dll", EntryPoint = "WSARevertImpersonation", ExactSpelling = true)]
                static extern int __PInvoke();
            }
        }
        """;

    /// <summary>A disposable impersonation owner (Precision 3): its Dispose reverts. Needs <see cref="DllImportRefStruct"/>.</summary>
    public const string ImpersonationOwner = """
        public sealed class ImpersonationHandle : IDisposable
        {
            private SecHandle context;
            public ImpersonationHandle(ref SecHandle context) { this.context = context; }
            public void Dispose() => Sspi.RevertSecurityContext(ref context);
        }
        """;

    /// <summary>A factory that begins impersonation and returns an <see cref="ImpersonationOwner"/> (Precision 3).</summary>
    public const string ImpersonationOwnerFactory = """
        public static class ImpersonationScopes
        {
            public static ImpersonationHandle Begin(ref SecHandle context)
            {
                if (Sspi.ImpersonateSecurityContext(ref context) != Sspi.SEC_E_OK)
                {
                    throw new System.ComponentModel.Win32Exception();
                }

                return new ImpersonationHandle(ref context);
            }
        }
        """;

    /// <summary>Winsock secure calls with struct (Vanara WSRESULT shape: Succeeded, Failed, ThrowIfFailed) and enum status.</summary>
    public const string WinsockStatusShapes = """
        public readonly struct WSRESULT
        {
            private readonly int value;
            public WSRESULT(int value) => this.value = value;
            public bool Succeeded => value == 0;
            public bool Failed => value != 0;
            public void ThrowIfFailed() { if (Failed) throw new SocketException(value); }
        }

        public enum WinsockStatus { Success = 0, SocketError = -1 }

        public static class WsStruct
        {
            [DllImport("fwpuclnt.dll")] public static extern WSRESULT WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint len, IntPtr o, IntPtr c);
            [DllImport("fwpuclnt.dll")] public static extern WSRESULT WSASetSocketPeerTargetName(IntPtr socket, IntPtr name, uint len, IntPtr o, IntPtr c);
        }

        public static class WsEnum
        {
            [DllImport("fwpuclnt.dll")] public static extern WinsockStatus WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint len, IntPtr o, IntPtr c);
        }
        """;

    /// <summary>The handshake calls that write a context handle (C-SSPI-1), with <see cref="DllImportRefStruct"/>'s SecHandle.</summary>
    public const string Handshake = """
        public static unsafe class Handshake
        {
            public const int SEC_E_OK = 0, SEC_I_CONTINUE_NEEDED = 0x00090312;

            [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
            public static extern int InitializeSecurityContextW(ref SecHandle credential, IntPtr context, string target, int flags, int reserved1, int dataRep, IntPtr input, int reserved2, ref SecHandle newContext, IntPtr output, out int attributes, out long expiry);

            [DllImport("secur32.dll", EntryPoint = "InitializeSecurityContextW", CharSet = CharSet.Unicode)]
            public static extern int ContinueClient(ref SecHandle credential, ref SecHandle context, string target, int flags, int reserved1, int dataRep, IntPtr input, int reserved2, ref SecHandle newContext, IntPtr output, out int attributes, out long expiry);

            [DllImport("secur32.dll")]
            public static extern int AcceptSecurityContext(ref SecHandle credential, IntPtr context, IntPtr input, int flags, int dataRep, ref SecHandle newContext, IntPtr output, out int attributes, out long expiry);

            [DllImport("sspicli.dll", EntryPoint = "AcceptSecurityContext")]
            public static extern int AcceptPtr(SecHandle* credential, SecHandle* context, IntPtr input, int flags, int dataRep, SecHandle* newContext, IntPtr output, out int attributes, out long expiry);
        }
        """;
}
