using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using SecureSockets.CodeFixes;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Rules.SocketOrderAnalyzer, SecureSockets.CodeFixes.SSX001SecureAfterConnectCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX001>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX001 fixes: move the secure call (with its checks) before the first bind/connect; rewrite into SocketSecurity.Apply.</summary>
public class SSX001SecureAfterConnectCodeFixTests
{
    private const string Move = "SSX001.MoveBeforeConnect";
    private const string UseApply = "SSX001.UseSocketSecurityApply";

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    // ---- Move: binding styles ---------------------------------------------------------------------------

    [Fact]
    public Task Discarded_call_moves_before_connect_DllImport() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.connect(s, addr, 16);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Checking_if_moves_with_the_call_and_blank_lines_stay_in_place() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.connect(s, addr, 16) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                // Turn on IPsec for this socket.
                if ({|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR) // too late
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.closesocket(s);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                // Turn on IPsec for this socket.
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR) // too late
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                if (Native.connect(s, addr, 16) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.closesocket(s);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Status_local_and_its_test_move_together() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
                int rc = {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) return;
                Native.closesocket(s);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                int rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc != 0) return;
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
                Native.closesocket(s);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task LibraryImport_binding_moves_before_connect() => V.VerifyAsync("""
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.connect(s, addr, 16);
                if ({|SSX001:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|} != 0) throw new InvalidOperationException();
            }
        }
        """, """
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                if (Interop.WSASetSocketSecurity(s, 0, 0, 0, 0) != 0) throw new InvalidOperationException();
                Interop.connect(s, addr, 16);
            }
        }
        """, Move, Bindings.LibraryImport);

    // ---- Wrapper rewrite -------------------------------------------------------------------------------

    [Fact]
    public Task Managed_socket_rewritten_into_SocketSecurity_Apply_before_connect() => V.VerifyWithWrapperAsync(Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                if ({|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }
        """), "using SecureSockets;\n\n" + Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(sock);
                sock.Connect(ep);
        """), UseApply, Bindings.DllImport);
}
