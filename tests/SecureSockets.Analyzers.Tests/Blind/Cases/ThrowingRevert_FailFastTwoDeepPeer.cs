// Expect: clean
// Why: Precision 20 and summaries: the finally reaches WSARevertImpersonation two calls deep (EndImpersonation -> RevertChecked), which fails fast when the revert fails; the begin-helper throws on SOCKET_ERROR (Precision 2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Litware.Admin.Console
{
    internal static class PeerSecurity
    {
        private const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        private static extern int WSAGetLastError();

        public static void BeginImpersonation(IntPtr socket)
        {
            if (WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) == SOCKET_ERROR)
                throw new SocketException(WSAGetLastError());
        }

        public static void EndImpersonation() => RevertChecked();

        private static void RevertChecked()
        {
            if (WSARevertImpersonation() != 0)
                Environment.FailFast("WSARevertImpersonation failed: " + WSAGetLastError());
        }
    }

    public sealed class AdminCommandLoop
    {
        private readonly TextReader _commands;
        private readonly string _configDirectory;

        public AdminCommandLoop(TextReader commands, string configDirectory)
        {
            _commands = commands;
            _configDirectory = configDirectory;
        }

        public int Run(IntPtr connection)
        {
            int applied = 0;
            string command;
            while ((command = _commands.ReadLine()) != null)
            {
                if (command == "QUIT")
                    break;

                PeerSecurity.BeginImpersonation(connection);
                try
                {
                    File.WriteAllText(Path.Combine(_configDirectory, "pending.cmd"), command, Encoding.UTF8);
                    applied++;
                }
                finally
                {
                    PeerSecurity.EndImpersonation();
                }
            }
            return applied;
        }
    }
}
