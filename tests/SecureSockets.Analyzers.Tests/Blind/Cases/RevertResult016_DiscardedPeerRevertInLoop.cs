// Expect: SSX016
// Why: SSX016 / C-IMP-1, C-ALL-2 + reading 24 ("SSX016 covers every revert (WSARevertImpersonation, …)"; discarded = expression statement or `_ =`): the per-request finally discards WSARevertImpersonation's result with `_ =`; one report at the invocation. The socket is a parameter (Precision 8: SSX010/SSX011 silent) and the impersonation is tested and reverted on every path.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Adatum.PlantFloor.RecipeServer
{
    internal static class Native
    {
        internal const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int recv(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();
    }

    public sealed class RecipeConnectionHandler
    {
        private readonly string _recipeShare;

        public RecipeConnectionHandler(string recipeShare) => _recipeShare = recipeShare;

        /// <param name="connection">A blocking socket accepted by the IPsec-secured listener.</param>
        public void Serve(IntPtr connection)
        {
            var request = new byte[512];
            while (true)
            {
                int received = Native.recv(connection, request, request.Length, 0);
                if (received <= 0)
                    break;

                string recipeName = Encoding.UTF8.GetString(request, 0, received).Trim();

                if (Native.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSAImpersonateSocketPeer");

                byte[] recipe;
                try
                {
                    // The share's ACL decides which operator stations may load which recipe.
                    recipe = File.ReadAllBytes(Path.Combine(_recipeShare, Path.GetFileName(recipeName)));
                }
                finally
                {
                    _ = {|SSX016:Native.WSARevertImpersonation()|};
                }

                if (Native.send(connection, recipe, recipe.Length, 0) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "send");
            }
        }
    }
}
