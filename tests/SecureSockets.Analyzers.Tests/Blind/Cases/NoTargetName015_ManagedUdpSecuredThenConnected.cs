// Expect: clean
// Why: RULES precision 24 "Connectionless means created SOCK_DGRAM on every path; a connect on it sets a default peer ... SSX015 does not apply to it": the managed Dgram socket is secured right after creation (C-SEC-3) and Connect only sets the default collector; no target name, no report.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Relecloud.Syslog.Forwarder
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class SyslogForwarder : IDisposable
    {
        private readonly Socket _socket;
        private readonly string _hostName;

        public SyslogForwarder(IPEndPoint collector)
        {
            _hostName = Dns.GetHostName();
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (Fwp.WSASetSocketSecurity(_socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(Fwp.WSAGetLastError());

                _socket.Connect(collector);
            }
            catch
            {
                _socket.Dispose();
                throw;
            }
        }

        public void Forward(int facility, int severity, string app, string message)
        {
            int pri = facility * 8 + severity;
            string line = $"<{pri}>1 {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {_hostName} {app} - - - {message}";
            byte[] datagram = Encoding.UTF8.GetBytes(line);
            _socket.Send(datagram);
        }

        public void Dispose() => _socket.Dispose();
    }
}
