using System.Linq;
using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Flow;

/// <summary>
/// The engine's results must not depend on the order in which path classes reach a block beyond the fixed
/// lowest-ordinal-first order: the class collapse (StateSet.MaxClasses) and the first report of a diagnostic both see
/// arrival order. These shapes (reduced from generated code by a review of the engine's speed-up) changed results when a
/// loop's back edge let new states into the block being processed within the same pass.
/// </summary>
public class FixedPointOrderTests
{
    [Fact]
    public async Task A_self_loop_inside_a_finally_does_not_change_which_event_the_message_names()
    {
        // The do-while's states must wait for the next pass: SSX001 names the bind, the last event before the secure call.
        var (result, spans) = await AnalyzerRunner.RunMarkedAsync("""
            class C
            {
                static void Work() { }
                static bool Cond() => true;

                void M(IntPtr s, IntPtr t, bool p)
                {
                    int rc = 0; int f1 = 0;
                    if (f1 == 0)
                    {
                        try { s = t; } catch (Exception) { }
                    }

                    try
                    {
                        rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    }
                    finally
                    {
                        if (p)
                        {
                            try
                            {
                                Native.listen(s, 1);
                                if (rc == 0) Work();
                            }
                            catch (Exception) { }
                        }

                        while (Cond())
                        {
                            do { f1 = 1; } while (Cond());
                        }
                    }

                    {|related:Native.bind(t, IntPtr.Zero, 0);|}
                    if ({|diag:Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                }
            }
            """, Bindings.DllImport);

        Assert.Empty(result.AnalyzerExceptions);
        var diagnostic = Assert.Single(result.Ssx, d => d.Id == "SSX001");
        Assert.Equal(spans["diag"].Single(), diagnostic.Location.SourceSpan);
        Assert.Contains("after it was bound", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(spans["related"].Single().Start, Assert.Single(diagnostic.AdditionalLocations).SourceSpan.Start);
    }

    [Fact]
    public Task Many_path_classes_keep_an_unreverted_peer_impersonation_C_IMP_1() => Verify<AllRules, SSX003>.AnalyzerAsync("""
        class C
        {
            static void Work() { }
            static bool Cond() => true;

            void M(IntPtr s, IntPtr t)
            {
                int rc = 0, rc2 = 0; int f1 = 0; int f5 = 0; int f7 = 0; int f10 = 0;
                while (Cond())
                {
                    rc2 = Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    if (rc != 0) f10 = 1;
                    rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    try
                    {
                        f5 = 1;
                        if (rc2 == 0) Work();
                        try
                        {
                            if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                            rc2 = Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                            f1 = 0;
                        }
                        catch (Exception) { }
                        Work();
                        if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    }
                    catch (Exception)
                    {
                        if (rc != 0) f1 = 1;
                        if (f5 == 1)
                        {
                            rc2 = Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                            if (rc != 0) return;
                            t = Native.socket(2, 1, 6);
                            Work();
                        }
                    }

                    do
                    {
                        Native.connect(s, IntPtr.Zero, 0);
                        s = t;
                        rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    } while (Cond());
                }

                if (f7 == 1) { }
                while (Cond()) { Native.connect(s, IntPtr.Zero, 0); }

                // Never reverted, and the loop below may run forever or end: the end of M is reached impersonating.
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                while (Cond())
                {
                    if (f1 == 1) { }
                }

                try { }
                catch (Exception)
                {
                    try { } catch (Exception) { if (f10 == 1) { } }
                }
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Many_path_classes_do_not_flag_a_secure_call_behind_a_flag_that_is_never_0_C_ALL_2() => Verify<AllRules, SSX007>.AnalyzerAsync("""
        class C
        {
            static void Work() { }
            static bool Cond() => true;

            void M(IntPtr s, IntPtr t)
            {
                int rc2 = 0; int f1 = 1; int f6 = 0; int f7 = 1; int f8 = 1; int f9 = 1;
                while (Cond())
                {
                    while (Cond())
                    {
                        if (f8 == 0) { f1 = 0; }
                        if (f1 == 0) { }
                        if (f9 == 0)
                        {
                            // f9 is 1 on every path: this call never runs.
                            rc2 = Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                            if (rc2 == 0) Work();
                        }

                        Native.bind(s, IntPtr.Zero, 0);
                        t = Native.socket(2, 1, 6);
                        rc2 = {|SSX007:Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                    }

                    try
                    {
                        Work();
                        try
                        {
                            Native.connect(s, IntPtr.Zero, 0);
                            Work();
                        }
                        catch (Exception)
                        {
                            rc2 = {|SSX007:Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                        }
                    }
                    catch (Exception)
                    {
                        while (Cond())
                        {
                            if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                        }

                        if (rc2 == 0) Work();
                        if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                        while (Cond())
                        {
                            rc2 = Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                            if (rc2 == 0) Work();
                            t = Native.socket(2, 1, 6);
                        }
                    }

                    do
                    {
                        Native.connect(s, IntPtr.Zero, 0);
                        f7 = 0;
                        f1 = 1;
                    } while (Cond());
                    if (f6 == 1)
                    {
                        try { s = t; } catch (Exception) { }
                    }

                    Native.bind(s, IntPtr.Zero, 0);
                }

                try { if (f7 == 0) { } } catch (Exception) { }
            }
        }
        """, Bindings.DllImport);
}
