using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Catalog;

/// <summary>
/// The API catalog on binding libraries referenced as metadata (RULES.md (b), Precision 1): CsWin32's
/// Windows.Win32.PInvoke (externs and friendly overloads), Vanara's Ws2_32/FwpUClnt/Secur32, TerraFX's Windows —
/// matched by full type name; a look-alike class with the same simple name is not the API.
/// </summary>
public class BindingLibraryTests
{
    private static Task Socket<TRule>(string source, MetadataReference library) where TRule : IRule
        => Verify<AllRules, TRule>.AnalyzerAsync(source, Array.Empty<string>(), new[] { library });

    private static Task Impersonation<TRule>(string source, MetadataReference library) where TRule : IRule
        => Verify<AllRules, TRule>.AnalyzerAsync(source, Array.Empty<string>(), new[] { library });

    [Fact]
    public Task CsWin32_connect_then_friendly_overload_secure_is_SSX001() => Socket<SSX001>("""
        using Windows.Win32;
        using Windows.Win32.Networking.WinSock;
        class C
        {
            void M(IntPtr addr)
            {
                SOCKET s = PInvoke.socket(2, 1, 6);
                PInvoke.connect(s, addr, 16);
                {|SSX001:PInvoke.WSASetSocketSecurity(s, (SOCKET_SECURITY_SETTINGS?)null, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, BindingAssemblies.CsWin32);

    [Fact]
    public Task CsWin32_extern_pointer_overload_before_connect_is_clean() => Socket<SSX001>("""
        using Windows.Win32;
        using Windows.Win32.Networking.WinSock;
        class C
        {
            unsafe void M(IntPtr addr)
            {
                SOCKET s = PInvoke.socket(2, 1, 6);
                if (PInvoke.WSASetSocketSecurity(s, (SOCKET_SECURITY_SETTINGS*)null, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                PInvoke.connect(s, addr, 16);
            }
        }
        """, BindingAssemblies.CsWin32);

    [Fact]
    public Task CsWin32_target_name_after_connect_is_SSX006() => Socket<SSX006>("""
        using Windows.Win32;
        using Windows.Win32.Networking.WinSock;
        class C
        {
            unsafe void M(IntPtr addr, SOCKET_PEER_TARGET_NAME* name)
            {
                SOCKET s = PInvoke.socket(2, 1, 6);
                PInvoke.connect(s, addr, 16);
                {|SSX006:PInvoke.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, BindingAssemblies.CsWin32);

    [Fact]
    public Task Vanara_bind_then_secure_is_SSX001() => Socket<SSX001>("""
        using Vanara.PInvoke;
        using static Vanara.PInvoke.Ws2_32;
        class C
        {
            void M(IntPtr addr)
            {
                var s = socket(2, 1, 6);
                bind(s, addr, 16).ThrowIfFailed();
                {|SSX001:FwpUClnt.WSASetSocketSecurity(s, new FwpUClnt.SOCKET_SECURITY_SETTINGS(), 8)|}.ThrowIfFailed();
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task Vanara_secure_twice_is_SSX002() => Socket<SSX002>("""
        using Vanara.PInvoke;
        using static Vanara.PInvoke.Ws2_32;
        class C
        {
            void M()
            {
                var s = socket(2, 1, 6);
                FwpUClnt.WSASetSocketSecurity(s, new FwpUClnt.SOCKET_SECURITY_SETTINGS(), 8).ThrowIfFailed();
                {|SSX002:FwpUClnt.WSASetSocketSecurity(s, new FwpUClnt.SOCKET_SECURITY_SETTINGS(), 8)|}.ThrowIfFailed();
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task Vanara_WSRESULT_checked_with_ThrowIfFailed_is_not_SSX007() => Socket<SSX007>("""
        using Vanara.PInvoke;
        using static Vanara.PInvoke.Ws2_32;
        class C
        {
            void M(IntPtr addr)
            {
                var s = socket(2, 1, 6);
                FwpUClnt.WSASetSocketSecurity(s, new FwpUClnt.SOCKET_SECURITY_SETTINGS(), 8).ThrowIfFailed();
                connect(s, addr, 16).ThrowIfFailed();
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task Vanara_WSRESULT_discarded_is_SSX007() => Socket<SSX007>("""
        using Vanara.PInvoke;
        using static Vanara.PInvoke.Ws2_32;
        class C
        {
            void M(IntPtr addr)
            {
                var s = socket(2, 1, 6);
                {|SSX007:FwpUClnt.WSASetSocketSecurity(s, new FwpUClnt.SOCKET_SECURITY_SETTINGS(), 8)|};
                connect(s, addr, 16).ThrowIfFailed();
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task Vanara_impersonation_reverted_in_finally_is_clean() => Impersonation<SSX004>("""
        using Vanara.PInvoke;
        class C
        {
            void Work() { }
            void M(in Secur32.CtxtHandle h)
            {
                Secur32.ImpersonateSecurityContext(h).ThrowIfFailed();
                try { Work(); }
                finally { Secur32.RevertSecurityContext(h); }
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task Vanara_impersonation_reverted_only_after_work_is_SSX004() => Impersonation<SSX004>("""
        using Vanara.PInvoke;
        class C
        {
            void Work() { }
            void M(in Secur32.CtxtHandle h)
            {
                var hr = {|SSX004:Secur32.ImpersonateSecurityContext(h)|};
                if (hr.Failed) return;
                Work();
                Secur32.RevertSecurityContext(h);
            }
        }
        """, BindingAssemblies.Vanara);

    [Fact]
    public Task CsWin32_friendly_impersonation_with_ThrowOnFailure_is_clean() => Impersonation<SSX005>("""
        using Windows.Win32;
        using Windows.Win32.Security.Authentication.Identity;
        class C
        {
            void Work() { }
            void M(in SecHandle h)
            {
                PInvoke.ImpersonateSecurityContext(h).ThrowOnFailure();
                try { Work(); }
                finally { PInvoke.RevertSecurityContext(h); }
            }
        }
        """, BindingAssemblies.CsWin32);

    [Fact]
    public Task CsWin32_friendly_impersonation_discarded_is_SSX005() => Impersonation<SSX005>("""
        using Windows.Win32;
        using Windows.Win32.Security.Authentication.Identity;
        class C
        {
            void Work() { }
            void M(in SecHandle h)
            {
                {|SSX005:PInvoke.ImpersonateSecurityContext(h)|};
                try { Work(); }
                finally { PInvoke.RevertSecurityContext(h); }
            }
        }
        """, BindingAssemblies.CsWin32);

    [Fact]
    public Task TerraFX_connect_then_secure_is_SSX001() => Socket<SSX001>("""
        using TerraFX.Interop.Windows;
        using static TerraFX.Interop.Windows.Windows;
        class C
        {
            unsafe void M(sockaddr* addr)
            {
                var s = socket(2, 1, 6);
                connect(s, addr, 16);
                if ({|SSX001:WSASetSocketSecurity(s, null, 0, null, null)|} != 0) return;
            }
        }
        """, BindingAssemblies.TerraFx);

    [Fact]
    public Task TerraFX_impersonation_not_reverted_on_early_return_is_SSX004() => Impersonation<SSX004>("""
        using TerraFX.Interop.Windows;
        using static TerraFX.Interop.Windows.Windows;
        class C
        {
            bool Allowed() => true;
            unsafe void M(SecHandle* h)
            {
                if ({|SSX004:ImpersonateSecurityContext(h)|} != 0) return;
                if (!Allowed()) return;
                RevertSecurityContext(h);
            }
        }
        """, BindingAssemblies.TerraFx);

    [Fact]
    public Task Look_alike_class_with_a_binding_types_simple_name_is_not_the_API() => Socket<SSX001>("""
        using Contoso.Interop;
        class C
        {
            void M(System.Net.Sockets.Socket socket, System.Net.IPEndPoint ep)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                s.Connect(ep);
                FwpUClnt.WSASetSocketSecurity(s.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, BindingAssemblies.LookAlike);

    [Fact]
    public Task Look_alike_Secur32_impersonation_is_not_the_API() => Impersonation<SSX005>("""
        using Contoso.Interop;
        class C
        {
            void Work() { }
            void M(IntPtr ctx)
            {
                Secur32.ImpersonateSecurityContext(ref ctx);
                Work();
            }
        }
        """, BindingAssemblies.LookAlike);
}
