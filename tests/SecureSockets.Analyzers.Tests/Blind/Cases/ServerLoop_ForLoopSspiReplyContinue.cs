// Expect: SSX016
// Why: SSX005 ("continue ... is handling it") and SSX004: in a `for` loop each failed ImpersonateSecurityContext gets an error reply on the managed socket and `continue`s; the success path reverts in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Litware.Sql.Agent
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal sealed class PendingRequest
    {
        public SecHandle Context;
        public readonly Socket ReplyChannel;
        public readonly string ScriptPath;

        public PendingRequest(SecHandle context, Socket replyChannel, string scriptPath)
        {
            Context = context;
            ReplyChannel = replyChannel;
            ScriptPath = scriptPath;
        }
    }

    internal static class Secur32
    {
        [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern int ImpersonateSecurityContext_NT(ref SecHandle phContext);

        [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext")]
        internal static extern int RevertSecurityContext_NT(ref SecHandle phContext);
    }

    internal sealed class ScriptRunner
    {
        public int RunBatch(IReadOnlyList<PendingRequest> batch)
        {
            int executed = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                PendingRequest request = batch[i];
                int status = Secur32.ImpersonateSecurityContext_NT(ref request.Context);
                if (status != 0)
                {
                    request.ReplyChannel.Send(Encoding.ASCII.GetBytes($"ERR 0x{status:X8}\n"));
                    continue;
                }

                string script;
                try
                {
                    script = File.ReadAllText(request.ScriptPath);
                }
                finally
                {
                    {|SSX016:Secur32.RevertSecurityContext_NT(ref request.Context)|};
                }

                request.ReplyChannel.Send(Encoding.ASCII.GetBytes($"OK {script.Length}\n"));
                executed++;
            }
            return executed;
        }
    }
}
