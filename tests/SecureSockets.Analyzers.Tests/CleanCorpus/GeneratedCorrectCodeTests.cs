using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.CleanCorpus;

/// <summary>
/// Correct by construction, in many nestings: seeded random methods built from units that each follow the contracts
/// (secure before connect and tested, C-SEC-1 / C-ALL-2; impersonation tested and reverted in a finally that covers the
/// work, C-IMP-1 / C-ALL-1), placed inside random loops, branches and try/catch blocks. Every rule must stay silent on
/// all of it, and the analyzer must not throw. The hand-written programs beside this file cover realistic code; these
/// cover the path-class joins, loops and handler routing that realistic code exercises only a few ways.
/// </summary>
public class GeneratedCorrectCodeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Generated_correct_methods_are_silent(int seed)
    {
        var source = Generate(new Random(seed), methods: 40);

        var result = await AnalyzerRunner.RunAsync(new[] { ("Generated.cs", source), ("Bindings.cs", Bindings.DllImport) });

        Assert.Empty(result.CompilerErrors);
        Assert.Empty(result.AnalyzerExceptions);
        Assert.Empty(result.Ssx.Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage()}"));
    }

    private static string Generate(Random random, int methods)
    {
        var code = new StringBuilder();
        code.AppendLine("class Generated").AppendLine("{");
        code.AppendLine("    static void Work() { }").AppendLine("    static bool Cond() => true;");
        var unit = 0;
        for (var m = 0; m < methods; m++)
        {
            code.AppendLine($"    void M{m}(IntPtr addr, IntPtr peer, bool p)").AppendLine("    {");
            foreach (var line in Block(random, depth: 3, ref unit))
            {
                code.Append("        ").AppendLine(line);
            }

            code.AppendLine("    }");
        }

        return code.AppendLine("}").ToString();
    }

    private static List<string> Block(Random random, int depth, ref int unit)
    {
        var lines = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var pick = random.Next(depth <= 0 ? 1 : 6);
            switch (pick)
            {
                case 0:
                    lines.AddRange(Unit(random, unit++));
                    break;
                case 1:
                    lines.Add("if (p) {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("} else {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("}");
                    break;
                case 2:
                    lines.Add("while (Cond()) {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("}");
                    break;
                case 3:
                    lines.Add("do {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("} while (Cond());");
                    break;
                case 4:
                    lines.Add("try {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("} catch (Exception) {");
                    lines.AddRange(Block(random, depth - 1, ref unit));
                    lines.Add("}");
                    break;
                default:
                    lines.Add("Work();");
                    break;
            }
        }

        return lines;
    }

    /// <summary>One correct use; fresh locals per unit, so units never share a socket or a status.</summary>
    private static string[] Unit(Random random, int n) => random.Next(6) switch
    {
        // C-SEC-1, C-ALL-2: secured before connect, the failure leaves; a datagram socket needs no target name (C-TGT-1).
        0 => new[]
        {
            $"{{ var s{n} = Native.socket(2, 2, 17);",
            $"  if (Native.WSASetSocketSecurity(s{n}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) {{ Native.closesocket(s{n}); return; }}",
            $"  Native.connect(s{n}, addr, 16); Work(); Native.closesocket(s{n}); }}",
        },

        // The status kept in a local and tested before the target name and the connect (C-TGT-1).
        1 => new[]
        {
            $"{{ var s{n} = Native.socket(2, 1, 6);",
            $"  int rc{n} = Native.WSASetSocketSecurity(s{n}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);",
            $"  if (rc{n} == 0) {{ if (Native.WSASetSocketPeerTargetName(s{n}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return; Native.connect(s{n}, addr, 16); Work(); }}",
            $"  Native.closesocket(s{n}); }}",
        },

        // C-IMP-1, C-ALL-1: tested, then reverted in a finally covering the work.
        2 => new[]
        {
            "if (Native.WSAImpersonateSocketPeer(peer, IntPtr.Zero, 0) != 0) return;",
            "try { Work(); } finally { if (Native.WSARevertImpersonation() != 0) Environment.FailFast(\"revert failed\"); }",
        },

        // Success branch only: the work runs impersonated and is reverted on every path out of it.
        3 => new[]
        {
            "if (Native.WSAImpersonateSocketPeer(peer, IntPtr.Zero, 0) == 0) {",
            "  try { Work(); } finally { if (Native.WSARevertImpersonation() != 0) Environment.FailFast(\"revert failed\"); }",
            "}",
        },

        // A success flag correlated with a later test (Precision 4).
        4 => new[]
        {
            $"{{ bool ok{n} = Native.WSAImpersonateSocketPeer(peer, IntPtr.Zero, 0) == 0;",
            $"  if (ok{n}) {{ try {{ Work(); }} finally {{ if (Native.WSARevertImpersonation() != 0) Environment.FailFast(\"revert failed\"); }} }} }}",
        },

        // Secure and target name before connect, both tested.
        _ => new[]
        {
            $"{{ var s{n} = Native.socket(2, 1, 6);",
            $"  if (Native.WSASetSocketSecurity(s{n}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) {{ Native.closesocket(s{n}); return; }}",
            $"  if (Native.WSASetSocketPeerTargetName(s{n}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) {{ Native.closesocket(s{n}); return; }}",
            $"  Native.connect(s{n}, addr, 16); Native.closesocket(s{n}); }}",
        },
    };
}
