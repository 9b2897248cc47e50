// Expect: SSX007
// Why: SSX007 ("the failure branch rejoins the path that goes on to bind, connect or send. A deliberate fallback to an unsecured socket (`if (rc != 0) Log("no IPsec");` then connect) is flagged too"; C-ALL-2) in a one-shot tool written with top-level statements (needs OutputKind.ConsoleApplication): the WSASetSocketSecurity status is tested, the failure branch only prints and rejoins the target-name helper and the connect. The target name is set through PeerName.Set (part2, throws on failure) before the connect, so SSX015 is silent; the buffer is AllocHGlobal with a computed length (precision 24: SSX013 silent); null settings with length 0 is not SSX013.
using System;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using RedTeam.IpsecProbe;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ipsecprobe <ipv4> <port> <spn>");
    return 1;
}

SOCKADDR_IN target = SockAddr.Create(IPAddress.Parse(args[0]), ushort.Parse(args[1]));

IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
if (s == Native.INVALID_SOCKET)
{
    Console.Error.WriteLine($"[-] WSASocketW failed: {Native.WSAGetLastError()}");
    return 2;
}

// Ride the domain IPsec policy if this box has credentials for it; otherwise just go in clear text.
int rc = {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
if (rc != 0)
    Console.WriteLine($"[!] WSASetSocketSecurity failed ({Native.WSAGetLastError()}), continuing without IPsec");

PeerName.Set(s, args[2]);

if (Native.connect(s, ref target, Marshal.SizeOf<SOCKADDR_IN>()) != 0)
{
    Console.Error.WriteLine($"[-] connect failed: {Native.WSAGetLastError()}");
    Native.closesocket(s);
    return 3;
}

byte[] probe = Encoding.ASCII.GetBytes("HEAD / HTTP/1.0\r\n\r\n");
Native.send(s, probe, probe.Length, 0);

byte[] reply = new byte[4096];
int received = Native.recv(s, reply, reply.Length, 0);
Console.WriteLine(received > 0 ? Encoding.ASCII.GetString(reply, 0, received) : "[-] no reply");

Native.closesocket(s);
return 0;
