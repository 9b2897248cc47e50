using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX005ImpersonationFailureNotHandledCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX005>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX005 fix: throw on failure right after the impersonate call.</summary>
public class SSX005ImpersonationFailureNotHandledCodeFixTests
{
    private const string Throw = "SSX005.ThrowOnFailure";

    private static readonly string[] Shapes =
    {
        SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct,
    };

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }
            static void Log(object o) { }

            void M(ref SecHandle h, CtxtHandle ch, CtxtHandleClass uc, IntPtr s)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Discarded_status_is_stored_and_checked() => V.VerifyAsync(Wrap("""
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0)
                {
                    throw new System.ComponentModel.Win32Exception(status);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task Discard_assignment_gets_a_unique_name() => V.VerifyAsync(Wrap("""
                var status = 5;
                Log(status);
                _ = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|}; // impersonate
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = 5;
                Log(status);
                var status1 = Sspi.ImpersonateSecurityContext(ref h); // impersonate
                if (status1 != 0)
                {
                    throw new System.ComponentModel.Win32Exception(status1);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task Enum_status_is_converted_for_the_exception() => V.VerifyAsync(Wrap("""
                {|SSX005:SspiEnum.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = SspiEnum.ImpersonateSecurityContext(ref h);
                if (status != 0)
                {
                    throw new System.ComponentModel.Win32Exception(unchecked((int)status));
                }

                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task HResult_status_gets_ThrowIfFailed() => V.VerifyAsync(Wrap("""
                {|SSX005:SspiH.ImpersonateSecurityContext(in ch)|};
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """), Wrap("""
                SspiH.ImpersonateSecurityContext(in ch).ThrowIfFailed();
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """), Throw, Shapes);

    [Fact]
    public Task Rejoining_failure_branch_gets_a_throw() => V.VerifyAsync(Wrap("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status != 0) Log("impersonation failed");
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0)
                {
                    Log("impersonation failed");
                    throw new System.ComponentModel.Win32Exception(status);
                }
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task Rejoining_failure_branch_on_the_call_itself_stores_the_status() => V.VerifyAsync(Wrap("""
                if ({|SSX005:Sspi.ImpersonateSecurityContext(ref h)|} != Sspi.SEC_E_OK)
                {
                    Log("impersonation failed");
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != Sspi.SEC_E_OK)
                {
                    Log("impersonation failed");
                    throw new System.ComponentModel.Win32Exception(status);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task Peer_impersonation_uses_the_compilations_WSAGetLastError() => V.VerifyAsync(Wrap("""
                {|SSX005:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|};
                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """), Wrap("""
                var rc = Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """), Throw, [.. Shapes, Bindings.DllImport]);

    [Fact]
    public Task Top_level_statements()
    {
        var test = V.Create("""
            var h = new SecHandle();
            {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
            try { Console.WriteLine(); } finally { Sspi.RevertSecurityContext(ref h); }
            """, """
            var h = new SecHandle();
            var status = Sspi.ImpersonateSecurityContext(ref h);
            if (status != 0)
            {
                throw new System.ComponentModel.Win32Exception(status);
            }

            try { Console.WriteLine(); } finally { Sspi.RevertSecurityContext(ref h); }
            """, Throw, Shapes);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_takes_distinct_names_and_fixes_a_second_file()
    {
        var test = V.Create(Wrap("""
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Wrap("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0)
                {
                    throw new System.ComponentModel.Win32Exception(status);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                var status1 = Sspi.ImpersonateSecurityContext(ref h);
                if (status1 != 0)
                {
                    throw new System.ComponentModel.Win32Exception(status1);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void M(ref SecHandle h)
                {
                    {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                    try { Console.WriteLine(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void M(ref SecHandle h)
                {
                    var status = Sspi.ImpersonateSecurityContext(ref h);
                    if (status != 0)
                    {
                        throw new System.ComponentModel.Win32Exception(status);
                    }

                    try { Console.WriteLine(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_fix_for_a_complex_failure_branch() => V.NoFixAsync(Wrap("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status != 0)
                {
                    Log("impersonation failed");
                    Log(status);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """), Throw, Shapes);

    [Fact]
    public Task No_fix_for_peer_impersonation_without_an_error_source() => V.NoFixAsync(Wrap("""
                {|SSX005:PeerImp.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|};
                try { Work(); } finally { PeerImp.WSARevertImpersonation(); }
        """), Throw, Shapes);

    [Fact]
    public Task No_fix_in_an_expression_bodied_member() => V.NoFixAsync("""
        class C
        {
            void M(ref SecHandle h) => {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
        }
        """, Throw, Shapes);
}
