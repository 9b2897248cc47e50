using System;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>
/// The binding libraries users reference (CsWin32, Vanara, TerraFX — not on our registry), written as their public
/// shapes and compiled into separate assemblies, so the catalog's recognition by full type name is exercised on
/// metadata symbols, as in users' builds.
/// </summary>
public static class BindingAssemblies
{
    public const string CsWin32Source = """
        using System;
        using System.Runtime.InteropServices;

        namespace Windows.Win32.Foundation
        {
            public readonly struct HRESULT
            {
                public readonly int Value;
                public HRESULT(int value) => Value = value;
                public bool Succeeded => Value >= 0;
                public bool Failed => Value < 0;
                public HRESULT ThrowOnFailure() { if (Failed) throw new System.ComponentModel.Win32Exception(Value); return this; }
                public static implicit operator int(HRESULT h) => h.Value;
            }
        }

        namespace Windows.Win32.Networking.WinSock
        {
            public readonly struct SOCKET
            {
                public readonly nuint Value;
                public SOCKET(nuint value) => Value = value;
                public static implicit operator nuint(SOCKET s) => s.Value;
            }

            public struct SOCKET_SECURITY_SETTINGS { public int SecurityProtocol; public uint SecurityFlags; }
            public struct SOCKET_PEER_TARGET_NAME { public int SecurityProtocol; public IntPtr PeerAddress; public uint PeerTargetNameStringLen; }
        }

        namespace Windows.Win32.Security.Authentication.Identity
        {
            public struct SecHandle { public nuint dwLower; public nuint dwUpper; }
        }

        namespace Windows.Win32
        {
            using Windows.Win32.Foundation;
            using Windows.Win32.Networking.WinSock;
            using Windows.Win32.Security.Authentication.Identity;

            public sealed class closesocketSafeHandle : SafeHandle
            {
                public closesocketSafeHandle() : base(IntPtr.Zero, true) { }
                public override bool IsInvalid => handle == IntPtr.Zero;
                protected override bool ReleaseHandle() => true;
            }

            public static unsafe partial class PInvoke
            {
                [DllImport("WS2_32.dll", ExactSpelling = true)] public static extern SOCKET socket(int af, int type, int protocol);
                [DllImport("WS2_32.dll", ExactSpelling = true)] public static extern int connect(SOCKET s, IntPtr name, int namelen);
                [DllImport("WS2_32.dll", ExactSpelling = true)] public static extern int bind(SOCKET s, IntPtr name, int namelen);
                [DllImport("WS2_32.dll", ExactSpelling = true)] public static extern int listen(SOCKET s, int backlog);
                [DllImport("FWPUCLNT.dll", ExactSpelling = true)] public static extern int WSASetSocketSecurity(SOCKET Socket, SOCKET_SECURITY_SETTINGS* SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
                [DllImport("FWPUCLNT.dll", ExactSpelling = true)] public static extern int WSASetSocketPeerTargetName(SOCKET Socket, SOCKET_PEER_TARGET_NAME* PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
                [DllImport("FWPUCLNT.dll", ExactSpelling = true)] public static extern int WSAImpersonateSocketPeer(SOCKET Socket, IntPtr PeerAddr, uint PeerAddrLen);
                [DllImport("FWPUCLNT.dll", ExactSpelling = true)] public static extern int WSARevertImpersonation();
                [DllImport("SECUR32.dll", ExactSpelling = true)] public static extern HRESULT ImpersonateSecurityContext(SecHandle* phContext);
                [DllImport("SECUR32.dll", ExactSpelling = true)] public static extern HRESULT RevertSecurityContext(SecHandle* phContext);

                // Friendly overloads CsWin32 generates: not extern, recognized by their declaring type.
                public static int WSASetSocketSecurity(SOCKET Socket, SOCKET_SECURITY_SETTINGS? SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine)
                {
                    var s = SecuritySettings.GetValueOrDefault();
                    return WSASetSocketSecurity(Socket, SecuritySettings.HasValue ? &s : null, SecuritySettingsLen, Overlapped, CompletionRoutine);
                }

                public static HRESULT ImpersonateSecurityContext(in SecHandle phContext)
                {
                    fixed (SecHandle* p = &phContext) { return ImpersonateSecurityContext(p); }
                }

                public static HRESULT RevertSecurityContext(in SecHandle phContext)
                {
                    fixed (SecHandle* p = &phContext) { return RevertSecurityContext(p); }
                }
            }
        }
        """;

    public const string VanaraSource = """
        using System;
        using System.Runtime.InteropServices;

        namespace Vanara.PInvoke
        {
            public readonly struct HRESULT
            {
                private readonly int value;
                public HRESULT(int value) => this.value = value;
                public bool Succeeded => value >= 0;
                public bool Failed => value < 0;
                public void ThrowIfFailed(string? message = null) { if (Failed) throw new System.ComponentModel.Win32Exception(value); }
                public static readonly HRESULT S_OK = new HRESULT(0);
                public static bool operator ==(HRESULT a, HRESULT b) => a.value == b.value;
                public static bool operator !=(HRESULT a, HRESULT b) => a.value != b.value;
                public override bool Equals(object? o) => o is HRESULT h && h.value == value;
                public override int GetHashCode() => value;
            }

            public static partial class Ws2_32
            {
                public readonly struct SOCKET { public readonly IntPtr handle; public SOCKET(IntPtr h) => handle = h; }

                public readonly struct WSRESULT
                {
                    private readonly int value;
                    public WSRESULT(int value) => this.value = value;
                    public bool Succeeded => value == 0;
                    public bool Failed => value != 0;
                    public void ThrowIfFailed(string? message = null) { if (Failed) throw new System.Net.Sockets.SocketException(value); }
                    public static readonly WSRESULT Success = new WSRESULT(0);
                }

                [DllImport("ws2_32.dll", SetLastError = true)] public static extern SOCKET socket(int af, int type, int protocol);
                [DllImport("ws2_32.dll", SetLastError = true)] public static extern WSRESULT connect(SOCKET s, IntPtr name, int namelen);
                [DllImport("ws2_32.dll", SetLastError = true)] public static extern WSRESULT bind(SOCKET s, IntPtr name, int namelen);
                [DllImport("ws2_32.dll", SetLastError = true)] public static extern WSRESULT listen(SOCKET s, int backlog);
                [DllImport("ws2_32.dll", SetLastError = true)] public static extern SOCKET accept(SOCKET s, IntPtr addr, IntPtr addrlen);
            }

            public static partial class FwpUClnt
            {
                public struct SOCKET_SECURITY_SETTINGS { public int SecurityProtocol; public uint SecurityFlags; }
                [DllImport("fwpuclnt.dll")] public static extern Ws2_32.WSRESULT WSASetSocketSecurity(Ws2_32.SOCKET Socket, in SOCKET_SECURITY_SETTINGS SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped = default, IntPtr CompletionRoutine = default);
                [DllImport("fwpuclnt.dll")] public static extern Ws2_32.WSRESULT WSASetSocketPeerTargetName(Ws2_32.SOCKET Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped = default, IntPtr CompletionRoutine = default);
                [DllImport("fwpuclnt.dll")] public static extern Ws2_32.WSRESULT WSAImpersonateSocketPeer(Ws2_32.SOCKET Socket, IntPtr PeerAddr = default, uint PeerAddrLen = 0);
                [DllImport("fwpuclnt.dll")] public static extern Ws2_32.WSRESULT WSARevertImpersonation();
            }

            public static partial class Secur32
            {
                public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }
                [DllImport("secur32.dll")] public static extern HRESULT ImpersonateSecurityContext(in CtxtHandle phContext);
                [DllImport("secur32.dll")] public static extern HRESULT RevertSecurityContext(in CtxtHandle phContext);
            }
        }
        """;

    public const string TerraFxSource = """
        using System;
        using System.Runtime.InteropServices;

        namespace TerraFX.Interop.Windows
        {
            public readonly struct SOCKET { public readonly nuint Value; public SOCKET(nuint value) => Value = value; }
            public struct sockaddr { public ushort sa_family; }
            public struct SecHandle { public nuint dwLower; public nuint dwUpper; }

            public static unsafe partial class Windows
            {
                [DllImport("ws2_32", ExactSpelling = true)] public static extern SOCKET socket(int af, int type, int protocol);
                [DllImport("ws2_32", ExactSpelling = true)] public static extern int connect(SOCKET s, sockaddr* name, int namelen);
                [DllImport("ws2_32", ExactSpelling = true)] public static extern int bind(SOCKET s, sockaddr* name, int namelen);
                [DllImport("fwpuclnt", ExactSpelling = true)] public static extern int WSASetSocketSecurity(SOCKET Socket, void* SecuritySettings, uint SecuritySettingsLen, void* Overlapped, void* CompletionRoutine);
                [DllImport("fwpuclnt", ExactSpelling = true)] public static extern int WSASetSocketPeerTargetName(SOCKET Socket, void* PeerTargetName, uint PeerTargetNameLen, void* Overlapped, void* CompletionRoutine);
                [DllImport("secur32", ExactSpelling = true)] public static extern int ImpersonateSecurityContext(SecHandle* phContext);
                [DllImport("secur32", ExactSpelling = true)] public static extern int RevertSecurityContext(SecHandle* phContext);
            }
        }
        """;

    /// <summary>A look-alike: a company's own class with the same simple name as Vanara's, not extern. Not the API.</summary>
    public const string LookAlikeSource = """
        using System;

        namespace Contoso.Interop
        {
            public static class Secur32
            {
                public static int ImpersonateSecurityContext(ref IntPtr context) => 0;
                public static int RevertSecurityContext(ref IntPtr context) => 0;
            }

            public static class FwpUClnt
            {
                public static int WSASetSocketSecurity(IntPtr socket, IntPtr settings, int len, IntPtr o, IntPtr c) => 0;
            }
        }
        """;

    private static readonly Lazy<MetadataReference> CsWin32Lazy = new(() => Compile("Microsoft.Windows.CsWin32.Shapes", CsWin32Source), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<MetadataReference> VanaraLazy = new(() => Compile("Vanara.PInvoke.Shapes", VanaraSource), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<MetadataReference> TerraFxLazy = new(() => Compile("TerraFX.Interop.Windows.Shapes", TerraFxSource), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<MetadataReference> LookAlikeLazy = new(() => Compile("Contoso.Interop", LookAlikeSource), LazyThreadSafetyMode.ExecutionAndPublication);

    public static MetadataReference CsWin32 => CsWin32Lazy.Value;
    public static MetadataReference Vanara => VanaraLazy.Value;
    public static MetadataReference TerraFx => TerraFxLazy.Value;
    public static MetadataReference LookAlike => LookAlikeLazy.Value;

    private static MetadataReference Compile(string assemblyName, string source)
    {
        var references = TestSetup.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(assemblyName + " shapes do not compile: " + string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
