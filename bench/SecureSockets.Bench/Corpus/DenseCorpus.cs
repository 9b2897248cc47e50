using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SecureSockets.Analyzers.Tests.Infrastructure;

namespace SecureSockets.Bench.Corpus;

/// <summary>
/// Corpus (b): every method has 3–10 socket or impersonation events, in every binding style and rule shape the
/// analyzers track — [DllImport] with renamed EntryPoint, [LibraryImport] with both halves written, a managed
/// Socket through .Handle, same-compilation helpers, try/finally reverts, correlated flags, loops, async — and
/// about one tracked call per 15 lines. Each socket or impersonation scope has an IDisposable twin created and
/// disposed in the same control-flow shape, so CA2000 has the same work our analyzers have. About 8% of the
/// blocks are misuses (SSX001/002/003/005/007), so diagnostics are reported as well.
/// </summary>
internal static class DenseCorpus
{
    public const int LinesPerScale = 12_500;

    /// <summary>Target lines per tracked call inside method bodies (the file-level figure also counts declarations).</summary>
    private const int LinesPerEventInMethods = 14;

    /// <summary>Every block shape's name, as written in the methods' "// shape:" comments.</summary>
    public static IEnumerable<string> Shapes => ClassGenerator.CorrectShapes.Concat(ClassGenerator.MisuseShapes);

    public static GeneratedCorpus Generate(int scale, int seed)
    {
        var dice = new Dice(seed * 31 + scale);
        var files = new List<(string, string)>();
        var (interop, interopCalls) = Interop();
        files.Add(("Dense/Interop.cs", interop));
        int lines = CodeWriter.CountLines(interop), types = 8, methods = 40, tracked = interopCalls;
        for (var i = 0; lines < LinesPerScale * scale; i++)
        {
            var g = new ClassGenerator(dice, i);
            var text = g.Generate();
            files.Add(($"Dense/Endpoint{i:D4}.cs", text));
            lines += CodeWriter.CountLines(text);
            types++;
            methods += g.Methods;
            tracked += g.TrackedCalls;
        }

        return new GeneratedCorpus("dense", scale, files, lines, types, methods, tracked);
    }

    /// <summary>The bindings (every style), the IDisposable twins and the shared helpers; returns the tracked calls in helper bodies.</summary>
    private static (string Text, int TrackedCalls) Interop()
    {
        // The [LibraryImport] partials are the tests' own (one text for both).
        var text = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.IO;
            using System.Runtime.InteropServices;

            namespace Dense;

            [StructLayout(LayoutKind.Sequential)]
            public struct SecHandle
            {
                public IntPtr dwLower;
                public IntPtr dwUpper;
            }

            /// <summary>Winsock through [DllImport]; connect and WSASocketW renamed through EntryPoint.</summary>
            internal static class Ws
            {
                public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
                public const int SOCKET_ERROR = -1;
                public const uint SIO_SET_SECURITY = 0x980000C8;
                public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern IntPtr socket(int af, int type, int protocol);

                [DllImport("ws2_32.dll", SetLastError = true, EntryPoint = "WSASocketW")]
                public static extern IntPtr CreateSocket(int af, int type, int protocol, IntPtr info, uint group, uint flags);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int bind(IntPtr s, IntPtr name, int namelen);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int listen(IntPtr s, int backlog);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

                [DllImport("WS2_32.DLL", SetLastError = true, EntryPoint = "connect")]
                public static extern int Connect(IntPtr s, IntPtr name, int namelen);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, IntPtr to, int tolen);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int send(IntPtr s, byte[] buf, int len, int flags);

                [DllImport("ws2_32.dll")]
                public static extern int closesocket(IntPtr s);

                [DllImport("ws2_32.dll")]
                public static extern int WSAGetLastError();

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int WSAIoctl(IntPtr s, uint code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength, out int bytesReturned, IntPtr overlapped, IntPtr completion);

                public const int FIONBIO = unchecked((int)0x8004667E);

                [DllImport("ws2_32.dll", SetLastError = true)]
                public static extern int ioctlsocket(IntPtr s, int cmd, ref uint argp);
            }

            public enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2 }

            [StructLayout(LayoutKind.Sequential)]
            public struct SOCKET_SECURITY_SETTINGS_IPSEC
            {
                public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
                public uint SecurityFlags;
                public uint IpsecFlags;
                public Guid AuthipMMPolicyKey;
                public Guid AuthipQMPolicyKey;
                public Guid Reserved;
                public ulong Reserved2;
                public uint UserNameStringLen;
                public uint DomainNameStringLen;
                public uint PasswordStringLen;
            }

            /// <summary>The secure socket extensions, every method renamed (the entry point decides).</summary>
            internal static class Fwp
            {
                private const string Module = "fwpuclnt.dll";

                [DllImport(Module, SetLastError = true, EntryPoint = "WSASetSocketSecurity")]
                public static extern int ApplySecurity(IntPtr socket, IntPtr settings, int settingsLength, IntPtr overlapped, IntPtr completion);

                [DllImport(Module, SetLastError = true, EntryPoint = "WSASetSocketPeerTargetName")]
                public static extern int NameThePeer(IntPtr socket, IntPtr targetName, int targetNameLength, IntPtr overlapped, IntPtr completion);

                [DllImport("FWPUCLNT", EntryPoint = "WSAImpersonateSocketPeer")]
                public static extern int BeginPeer(IntPtr socket, IntPtr peerAddress, int peerAddressLength);

                [DllImport("FWPUCLNT", EntryPoint = "WSARevertImpersonation")]
                public static extern int EndPeer();
            }

            """ + Bindings.LibraryImport + """

            /// <summary>SSPI impersonation (secur32, and sspicli renamed) and the thread-level revert.</summary>
            internal static class Sspi
            {
                public const int SEC_E_OK = 0;

                [DllImport("secur32.dll")]
                public static extern int ImpersonateSecurityContext(ref SecHandle context);

                [DllImport("sspicli.dll", EntryPoint = "ImpersonateSecurityContext")]
                public static extern int ImpersonateSecurityContext_NT(ref SecHandle context);

                [DllImport("secur32.dll")]
                public static extern int RevertSecurityContext(ref SecHandle context);

                [DllImport("advapi32.dll", SetLastError = true)]
                public static extern bool RevertToSelf();

                [DllImport("secur32.dll")]
                public static extern int AcceptSecurityContext(ref SecHandle credential, IntPtr context, IntPtr input, int flags, int dataRep, ref SecHandle newContext, IntPtr output, out int attributes, out long expiry);
            }

            /// <summary>The IDisposable twin of a socket: created and disposed where the socket is.</summary>
            public sealed class Channel : IDisposable
            {
                private readonly MemoryStream buffer = new MemoryStream();

                public Channel(int id) => Id = id;

                public int Id { get; }

                public int Open()
                {
                    buffer.WriteByte((byte)Id);
                    return (int)buffer.Length;
                }

                public void Dispose() => buffer.Dispose();
            }

            /// <summary>The IDisposable twin of an impersonation: created at the begin, disposed with the revert.</summary>
            public sealed class AuditScope : IDisposable
            {
                private static readonly List<string> Entries = new List<string>();
                private readonly string name;

                public AuditScope(string name)
                {
                    this.name = name;
                    lock (Entries)
                    {
                        Entries.Add("begin " + name);
                    }
                }

                public void Dispose()
                {
                    lock (Entries)
                    {
                        Entries.Add("end " + name);
                    }
                }
            }

            /// <summary>Same-compilation helpers the analyzers summarize.</summary>
            internal static class SocketHelpers
            {
                public static IntPtr Create()
                {
                    IntPtr s = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);
                    if (s == Ws.INVALID_SOCKET)
                    {
                        throw new Win32Exception(Ws.WSAGetLastError());
                    }

                    return s;
                }

                public static int Secure(IntPtr s) => Fwp.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);

                public static void SecureOrThrow(IntPtr s)
                {
                    if (Fwp.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws.SOCKET_ERROR)
                    {
                        throw new Win32Exception(Ws.WSAGetLastError(), "WSASetSocketSecurity failed");
                    }
                }

                public static void NameOrThrow(IntPtr s, IntPtr targetName, int targetNameLength)
                {
                    int rc = Fwp.NameThePeer(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero);
                    if (rc != 0)
                    {
                        throw new Win32Exception(Ws.WSAGetLastError(), "WSASetSocketPeerTargetName failed");
                    }
                }

                public static void ConnectOrThrow(IntPtr s, IntPtr address, int addressLength)
                {
                    if (Ws.Connect(s, address, addressLength) == Ws.SOCKET_ERROR)
                    {
                        throw new Win32Exception(Ws.WSAGetLastError(), "connect failed");
                    }
                }
            }

            """;

        // Tracked calls in helper bodies: Create 1, Secure 1, SecureOrThrow 1, NameOrThrow 1, ConnectOrThrow 1.
        return (text, 5);
    }

    /// <summary>One Endpoint class: fields, a private helper, a work method and 4–8 dense methods.</summary>
    private sealed class ClassGenerator
    {
        private readonly Dice dice;
        private readonly int index;
        private int unique;

        public ClassGenerator(Dice dice, int index)
        {
            this.dice = dice;
            this.index = index;
        }

        public int Methods { get; private set; }

        public int TrackedCalls { get; private set; }

        public string Generate()
        {
            var w = new CodeWriter();
            w.Lines_(new[]
            {
                "using System;", "using System.Collections.Generic;", "using System.ComponentModel;", "using System.Net;",
                "using System.Net.Sockets;", "using System.Runtime.InteropServices;", "using System.Text;", "using System.Threading.Tasks;", "",
                $"namespace Dense.Part{index / 20:D3};", "",
            });
            w.Open($"public sealed class Endpoint{index:D4}")
                .Line($"private readonly IPEndPoint endpoint = new IPEndPoint(IPAddress.Loopback, {1000 + index});")
                .Line("private readonly List<string> log = new List<string>();")
                .Line("private SecHandle context;")
                .Line("private IntPtr listener;")
                .Line("private int processed;").Line()
                .Open("private static void SecureLocal(IntPtr s)")
                .Block(new[]
                {
                    "if (Fwp.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws.SOCKET_ERROR)", "{",
                    "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                })
                .Close().Line()
                .Open("private void Work(int value)")
                .Block(new[] { "processed += value;", "if (processed > 1000000)", "{", "processed = 0;", "log.Clear();", "}" })
                .Close();
            TrackedCalls += 1;
            Methods += 2;

            var count = dice.Next(4, 8);
            for (var m = 0; m < count; m++)
            {
                w.Line();
                Method(w, m);
                Methods++;
            }

            w.Close();
            return w.ToString();
        }

        private void Method(CodeWriter w, int m)
        {
            var isAsync = dice.Chance(0.15);
            var target = dice.Next(3, 10);
            var blocks = new List<(string[] Lines, int Events, string Shape)>();
            var events = 0;
            while (events < target && 10 - events >= 2)
            {
                var block = Block(isAsync, 10 - events);
                blocks.Add(block);
                events += block.Events;
            }

            TrackedCalls += events;

            // Fill (ordinary work between the events) so that the method has about LinesPerEventInMethods lines per event.
            var own = blocks.Sum(b => b.Lines.Length) + 3;
            var fillLines = Math.Max(0, events * LinesPerEventInMethods - own);
            var slots = new List<List<string>>();
            foreach (var b in blocks)
            {
                slots.Add(new List<string>());
                slots.AddRange(b.Lines.Where(l => l == "FILL").Select(_ => new List<string>()));
            }

            slots.Add(new List<string>());
            var written = 0;
            for (var s = 0; written < fillLines; s = (s + 1) % slots.Count)
            {
                var fill = Fill();
                slots[s].AddRange(fill);
                written += fill.Length;
            }

            // The shape comment lets `--profile` show which block kinds an expensive method is made of.
            w.Line($"// shape: {string.Join(", ", blocks.Select(b => b.Shape))}; {events} events; {written} fill lines");
            w.Open(isAsync
                ? $"public async Task<int> Op{m}Async(IntPtr addr, int len, IntPtr target, int targetLen, bool strict)"
                : $"public int Op{m}(IntPtr addr, int len, IntPtr target, int targetLen, bool strict)");
            var slot = 0;
            foreach (var b in blocks)
            {
                w.Block(slots[slot++]);
                if (isAsync)
                {
                    w.Line("await Task.Yield();");
                }

                foreach (var line in b.Lines)
                {
                    if (line == "FILL")
                    {
                        w.Block(slots[slot++]);
                    }
                    else
                    {
                        w.Block(new[] { line });
                    }
                }
            }

            w.Block(slots[slot]);
            w.Line("return processed;");
            w.Close();
        }

        private (string[] Lines, int Events, string Shape) Block(bool isAsync, int room)
        {
            while (true)
            {
                var b = unique++;
                var misuse = dice.Chance(0.08);
                var kind = dice.Next(0, CorrectShapes.Length - 1);
                var block = misuse ? Misuse(kind % MisuseShapes.Length, b) : Correct(kind, b, isAsync);
                if (block.Events <= room)
                {
                    return (block.Lines, block.Events, (misuse ? MisuseShapes[kind % MisuseShapes.Length] : CorrectShapes[kind]));
                }
            }
        }

        public static readonly string[] CorrectShapes =
        {
            "raw-client", "libraryimport-server", "managed-handle", "helpers", "accept-peer-finally", "sspi-correlated-flag",
            "loop-connect", "loop-peer", "udp-ioctl-sendto", "sspi-catch-and-after", "blocking-listener-peer", "ipsec-settings-server-context",
        };

        public static readonly string[] MisuseShapes =
        {
            "SSX001-secure-after-connect", "SSX002-secure-twice", "SSX003-no-finally", "SSX007-discarded", "SSX005-discarded",
            "SSX010-overlapped-listener", "SSX012-default-protocol",
        };

        private (string[] Lines, int Events) Correct(int kind, int b, bool isAsync)
        {
            var secure = dice.Chance(0.5)
                ? $"Fwp.ApplySecurity(s{b}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws.SOCKET_ERROR"
                : $"Interop.WSASetSocketSecurity(s{b}, 0, 0, 0, 0) != 0";
            switch (kind)
            {
                case 0: // raw client, DllImport / LibraryImport, secure + target name + connect, disposable twin in finally
                    return (new[]
                    {
                        $"var s{b} = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);",
                        $"var ch{b} = new Channel({b});",
                        "try", "{",
                        $"if ({secure})", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        $"if (Fwp.NameThePeer(s{b}, target, targetLen, IntPtr.Zero, IntPtr.Zero) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"ch{b}.Open();",
                        $"if (Ws.Connect(s{b}, addr, len) == Ws.SOCKET_ERROR)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        "}", "finally", "{", $"ch{b}.Dispose();", $"Ws.closesocket(s{b});", "}",
                    }, 4);
                case 1: // LibraryImport server: socket, secure (status returned), bind + listen
                    return (new[]
                    {
                        $"nint s{b} = Interop.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);",
                        $"var ch{b} = new Channel({b});",
                        $"int rc{b} = Interop.WSASetSocketSecurity(s{b}, 0, 0, 0, 0);",
                        $"if (rc{b} != 0)", "{", $"ch{b}.Dispose();", $"return rc{b};", "}",
                        "FILL",
                        $"if (Interop.bind(s{b}, addr, len) != 0 || Ws.listen(s{b}, 16) != 0)", "{", $"ch{b}.Dispose();", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"listener = s{b};",
                        $"ch{b}.Dispose();",
                    }, 4);
                case 2: // managed Socket secured through .Handle, then connected
                    return (new[]
                    {
                        $"using (var m{b} = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))", "{",
                        $"if (Fwp.ApplySecurity(m{b}.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        isAsync ? $"await m{b}.ConnectAsync(endpoint);" : $"m{b}.Connect(endpoint);",
                        $"m{b}.Send(Encoding.UTF8.GetBytes(\"hello {b}\"));",
                        "}",
                    }, 3);
                case 3: // helpers (shared and the class's own), closed on the exceptional path
                    var secureCall = dice.Chance(0.5) ? $"SocketHelpers.SecureOrThrow(s{b});" : $"SecureLocal(s{b});";
                    return (new[]
                    {
                        $"var s{b} = SocketHelpers.Create();",
                        $"var ch{b} = new Channel({b});",
                        "try", "{",
                        secureCall,
                        $"SocketHelpers.NameOrThrow(s{b}, target, targetLen);",
                        "FILL",
                        $"SocketHelpers.ConnectOrThrow(s{b}, addr, len);",
                        "}", "catch", "{", $"Ws.closesocket(s{b});", $"ch{b}.Dispose();", "throw;", "}",
                        $"ch{b}.Dispose();",
                    }, 4);
                case 4: // accepted socket, peer impersonation reverted in finally
                    return (new[]
                    {
                        $"var c{b} = Ws.accept(listener, IntPtr.Zero, IntPtr.Zero);",
                        $"if (Fwp.BeginPeer(c{b}, IntPtr.Zero, 0) != 0)", "{", $"Ws.closesocket(c{b});", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"AuditScope? scope{b} = null;",
                        "try", "{", $"scope{b} = new AuditScope(\"peer {b}\");", "FILL", "}", "finally", "{", "Fwp.EndPeer();", $"scope{b}?.Dispose();", "}",
                    }, 3);
                case 5: // SSPI impersonation under a correlated flag (Precision 4)
                    var impersonate = dice.Chance(0.5) ? "Sspi.ImpersonateSecurityContext(ref context)" : "Sspi.ImpersonateSecurityContext_NT(ref context)";
                    return (new[]
                    {
                        $"var imp{b} = strict;",
                        $"AuditScope? scope{b} = null;",
                        $"if (imp{b})", "{",
                        $"if ({impersonate} != Sspi.SEC_E_OK)", "{", "throw new Win32Exception(\"impersonation failed\");", "}",
                        "}",
                        "try", "{", $"if (imp{b})", "{", $"scope{b} = new AuditScope(\"sspi {b}\");", "}", "FILL", "}", "finally", "{",
                        $"if (imp{b})", "{", "Sspi.RevertSecurityContext(ref context);", $"scope{b}?.Dispose();", "}",
                        "}",
                    }, 2);
                case 6: // a loop that creates, secures (helper returning the status) and connects a socket each turn
                    return (new[]
                    {
                        $"for (var k{b} = 0; k{b} < 3; k{b}++)", "{",
                        $"var s{b} = Ws.CreateSocket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);",
                        $"var ch{b} = new Channel(k{b});",
                        $"if (SocketHelpers.Secure(s{b}) != 0)", "{", $"ch{b}.Dispose();", $"Ws.closesocket(s{b});", "continue;", "}",
                        "FILL",
                        $"if (Ws.Connect(s{b}, addr, len) == 0)", "{", $"ch{b}.Dispose();", "break;", "}",
                        $"ch{b}.Dispose();",
                        $"Ws.closesocket(s{b});",
                        "}",
                    }, 3);
                case 7: // a loop of peer impersonations, each reverted in finally
                    return (new[]
                    {
                        $"foreach (var item{b} in log.ToArray())", "{",
                        $"if (Fwp.BeginPeer(listener, addr, len) != 0)", "{", "continue;", "}",
                        $"AuditScope? scope{b} = null;",
                        "try", "{", $"scope{b} = new AuditScope(item{b});", "FILL", "}", "finally", "{", "Fwp.EndPeer();", $"scope{b}?.Dispose();", "}",
                        "}",
                    }, 2);
                case 8: // connectionless: WSAIoctl(SIO_SET_SECURITY), target name, sendto
                    return (new[]
                    {
                        $"var u{b} = Ws.socket(Ws.AF_INET, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP);",
                        $"var ch{b} = new Channel({b});",
                        $"if (Ws.WSAIoctl(u{b}, Ws.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out var bytes{b}, IntPtr.Zero, IntPtr.Zero) != 0)", "{",
                        $"ch{b}.Dispose();", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"if (Fwp.NameThePeer(u{b}, target, targetLen, IntPtr.Zero, IntPtr.Zero) != 0)", "{", $"ch{b}.Dispose();", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        $"var payload{b} = Encoding.ASCII.GetBytes(\"ping {b}\");",
                        $"processed += Ws.sendto(u{b}, payload{b}, payload{b}.Length, 0, addr, len) + bytes{b};",
                        $"ch{b}.Dispose();",
                    }, 4);
                case 10: // a blocking, non-overlapped listener; the accepted socket's peer impersonated, revert checked
                    return (new[]
                    {
                        $"var l{b} = Ws.CreateSocket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0x80);",
                        $"uint mode{b} = 0;",
                        $"Ws.ioctlsocket(l{b}, Ws.FIONBIO, ref mode{b});",
                        $"if (Ws.bind(l{b}, addr, len) != 0 || Ws.listen(l{b}, 8) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"var c{b} = Ws.accept(l{b}, IntPtr.Zero, IntPtr.Zero);",
                        $"if (Fwp.BeginPeer(c{b}, IntPtr.Zero, 0) != 0)", "{", $"Ws.closesocket(c{b});", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "try", "{", "FILL", "}", "finally", "{", "if (Fwp.EndPeer() != 0)", "{", "Environment.FailFast(\"revert failed\");", "}", "}",
                    }, 6);
                case 11: // IPsec settings with the IPsec protocol and their own size; a server-side context impersonated
                    return (new[]
                    {
                        $"var ipsec{b} = new SOCKET_SECURITY_SETTINGS_IPSEC {{ SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC, SecurityFlags = 1 }};",
                        $"var buffer{b} = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());",
                        $"Marshal.StructureToPtr(ipsec{b}, buffer{b}, false);",
                        $"var s{b} = Ws.CreateSocket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);",
                        $"if (Fwp.ApplySecurity(s{b}, buffer{b}, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero) != 0)", "{", $"Marshal.FreeHGlobal(buffer{b});", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"Marshal.FreeHGlobal(buffer{b});",
                        $"var server{b} = new SecHandle();",
                        $"if (Sspi.AcceptSecurityContext(ref context, IntPtr.Zero, IntPtr.Zero, 0, 0, ref server{b}, IntPtr.Zero, out _, out _) != Sspi.SEC_E_OK)", "{", "throw new Win32Exception(\"handshake failed\");", "}",
                        $"if (Sspi.ImpersonateSecurityContext(ref server{b}) != Sspi.SEC_E_OK)", "{", "throw new Win32Exception(\"impersonation failed\");", "}",
                        "try", "{", "FILL", "}", "finally", "{", $"if (Sspi.RevertSecurityContext(ref server{b}) != Sspi.SEC_E_OK)", "{", "Environment.FailFast(\"revert failed\");", "}", "}",
                    }, 6);
                default: // SSPI: status tested, revert in catch and after the try (Precision 12)
                    return (new[]
                    {
                        $"int st{b} = Sspi.ImpersonateSecurityContext(ref context);",
                        $"if (st{b} != Sspi.SEC_E_OK)", "{", $"return st{b};", "}",
                        $"AuditScope? scope{b} = null;",
                        "try", "{", $"scope{b} = new AuditScope(\"ctx {b}\");", "FILL", "}", "catch", "{", "Sspi.RevertToSelf();", $"scope{b}?.Dispose();", "throw;", "}",
                        "Sspi.RevertToSelf();",
                        $"scope{b}?.Dispose();",
                    }, 3);
            }
        }

        private static (string[] Lines, int Events) Misuse(int kind, int b)
        {
            switch (kind)
            {
                case 0: // SSX001: secured after connect
                    return (new[]
                    {
                        $"var s{b} = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);",
                        $"var ch{b} = new Channel({b});",
                        $"if (Ws.Connect(s{b}, addr, len) != 0)", "{", $"ch{b}.Dispose();", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        $"if (Fwp.ApplySecurity(s{b}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)", "{", $"ch{b}.Dispose();", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"ch{b}.Dispose();",
                    }, 3);
                case 1: // SSX002: secured twice (helper, then the class's own helper)
                    return (new[]
                    {
                        $"var s{b} = SocketHelpers.Create();",
                        $"var ch{b} = new Channel({b});",
                        $"SocketHelpers.SecureOrThrow(s{b});",
                        "FILL",
                        $"SecureLocal(s{b});",
                        $"ch{b}.Dispose();",
                    }, 3);
                case 2: // SSX003: revert only on the straight-line path
                    return (new[]
                    {
                        $"var c{b} = Ws.accept(listener, IntPtr.Zero, IntPtr.Zero);",
                        $"if (Fwp.BeginPeer(c{b}, IntPtr.Zero, 0) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        $"var scope{b} = new AuditScope(\"peer {b}\");",
                        "FILL",
                        $"scope{b}.Dispose();",
                        "Fwp.EndPeer();",
                    }, 3);
                case 3: // SSX007: the secure call's status is discarded
                    return (new[]
                    {
                        $"var s{b} = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);",
                        $"var ch{b} = new Channel({b});",
                        $"Fwp.ApplySecurity(s{b}, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);",
                        "FILL",
                        $"Ws.Connect(s{b}, addr, len);",
                        $"ch{b}.Dispose();",
                    }, 3);
                case 5: // SSX010: the accepted socket inherits socket()'s overlapped attribute
                    return (new[]
                    {
                        $"var l{b} = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);",
                        $"var c{b} = Ws.accept(l{b}, IntPtr.Zero, IntPtr.Zero);",
                        $"if (Fwp.BeginPeer(c{b}, IntPtr.Zero, 0) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "try", "{", "FILL", "}", "finally", "{", "Fwp.EndPeer();", "}",
                    }, 3);
                case 6: // SSX012: IPsec settings left at the default protocol
                    return (new[]
                    {
                        $"var ipsec{b} = new SOCKET_SECURITY_SETTINGS_IPSEC {{ SecurityFlags = 1 }};",
                        $"var buffer{b} = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());",
                        $"Marshal.StructureToPtr(ipsec{b}, buffer{b}, false);",
                        $"var s{b} = Ws.CreateSocket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);",
                        $"if (Fwp.ApplySecurity(s{b}, buffer{b}, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero) != 0)", "{", "throw new Win32Exception(Ws.WSAGetLastError());", "}",
                        "FILL",
                        $"Marshal.FreeHGlobal(buffer{b});",
                    }, 2);
                default: // SSX005: the impersonation status is discarded
                    return (new[]
                    {
                        "Sspi.ImpersonateSecurityContext(ref context);",
                        $"AuditScope? scope{b} = null;",
                        "try", "{", $"scope{b} = new AuditScope(\"unchecked {b}\");", "FILL", "}", "finally", "{", "Sspi.RevertSecurityContext(ref context);", $"scope{b}?.Dispose();", "}",
                    }, 2);
            }
        }

        private string[] Fill()
        {
            var k = unique++;
            var r = dice.Next(2, 40);
            return dice.Next(0, 10) switch
            {
                0 => new[] { $"log.Add($\"step {r}: {{endpoint}}\");" },
                1 => new[] { $"processed += len % {r};" },
                2 => new[] { $"Work(len + {r});" },
                3 => new[] { $"if (log.Count > {r})", "{", "log.RemoveAt(0);", "}" },
                4 => new[] { $"var sb{k} = new StringBuilder();", $"sb{k}.Append(endpoint.Port).Append(':').Append(len);", $"log.Add(sb{k}.ToString());" },
                5 => new[] { $"for (var i{k} = 0; i{k} < {r}; i{k}++)", "{", $"processed += i{k} * len;", "}" },
                6 => new[] { "switch (len % 3)", "{", "case 0:", "processed++;", "break;", "case 1:", "processed--;", "break;", "default:", "log.Add(\"other\");", "break;", "}" },
                7 => new[] { $"var parts{k} = endpoint.ToString().Split(':');", $"processed += parts{k}.Length;" },
                8 => new[] { $"var text{k} = string.Join(\",\", log);", $"if (text{k}.Length > {r * 10})", "{", "log.Clear();", "}" },
                _ => new[] { $"var stamp{k} = DateTime.UtcNow.Ticks % {r};", $"processed += (int)stamp{k} + (strict ? 1 : 0);" },
            };
        }
    }
}
