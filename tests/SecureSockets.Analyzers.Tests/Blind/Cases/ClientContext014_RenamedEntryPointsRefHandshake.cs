// Expect: SSX014
// Why: SSX014 / C-SSPI-1 + Precision 1 (APIs identified by EntryPoint: `NativeInitContext` is InitializeSecurityContextW, `NativeImpersonate` is ImpersonateSecurityContext): the first Negotiate leg and every continue leg write `_context` through the `ref newContext` parameter, so on every path the field handed to ImpersonateSecurityContext was last written by InitializeSecurityContext.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Humongous.Insurance.ClaimsProxy
{
    [StructLayout(LayoutKind.Sequential)] public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct SecBufferDesc { public int ulVersion; public int cBuffers; public IntPtr pBuffers; }
    [StructLayout(LayoutKind.Sequential)] public struct SECURITY_INTEGER { public uint LowPart; public int HighPart; }

    internal static class UnsafeNativeMethods
    {
        private const string SECURITY = "secur32.dll";
        internal const int SEC_E_OK = 0, SEC_I_CONTINUE_NEEDED = 0x00090312, ISC_REQ_CONNECTION = 0x800, SECURITY_NETWORK_DREP = 0;

        [DllImport(SECURITY, EntryPoint = "InitializeSecurityContextW", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int NativeInitContext(ref SecHandle credential, IntPtr noContext, string targetName, int contextReq, int reserved1, int dataRep,
            IntPtr noInput, int reserved2, ref SecHandle newContext, ref SecBufferDesc output, out int contextAttributes, out SECURITY_INTEGER expiry);

        [DllImport(SECURITY, EntryPoint = "InitializeSecurityContextW", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int NativeInitContext(ref SecHandle credential, ref SecHandle context, string targetName, int contextReq, int reserved1, int dataRep,
            ref SecBufferDesc input, int reserved2, ref SecHandle newContext, ref SecBufferDesc output, out int contextAttributes, out SECURITY_INTEGER expiry);

        [DllImport(SECURITY, EntryPoint = "ImpersonateSecurityContext", ExactSpelling = true)]
        internal static extern int NativeImpersonate(ref SecHandle context);

        [DllImport(SECURITY, EntryPoint = "RevertSecurityContext", ExactSpelling = true)]
        internal static extern int NativeRevert(ref SecHandle context);
    }

    public interface IClaimsBackend
    {
        SecBufferDesc SendNegotiate(SecBufferDesc clientToken, out bool complete);
        string ReadClaim(string claimId);
    }

    public sealed class ClaimsProxySession
    {
        private readonly IClaimsBackend _backend;
        private SecHandle _credential;
        private SecHandle _context;

        public ClaimsProxySession(IClaimsBackend backend, SecHandle credential)
        {
            _backend = backend;
            _credential = credential;
        }

        public string ReadClaimAsCaller(string backendSpn, string claimId, SecBufferDesc outputTemplate)
        {
            SecBufferDesc output = outputTemplate;
            int status = UnsafeNativeMethods.NativeInitContext(ref _credential, IntPtr.Zero, backendSpn, UnsafeNativeMethods.ISC_REQ_CONNECTION, 0,
                UnsafeNativeMethods.SECURITY_NETWORK_DREP, IntPtr.Zero, 0, ref _context, ref output, out _, out _);

            while (status == UnsafeNativeMethods.SEC_I_CONTINUE_NEEDED)
            {
                SecBufferDesc input = _backend.SendNegotiate(output, out _);
                output = outputTemplate;
                status = UnsafeNativeMethods.NativeInitContext(ref _credential, ref _context, backendSpn, UnsafeNativeMethods.ISC_REQ_CONNECTION, 0,
                    UnsafeNativeMethods.SECURITY_NETWORK_DREP, ref input, 0, ref _context, ref output, out _, out _);
            }
            if (status != UnsafeNativeMethods.SEC_E_OK)
                throw new Win32Exception(status, "InitializeSecurityContext");

            status = {|SSX014:UnsafeNativeMethods.NativeImpersonate(ref _context)|};
            if (status != UnsafeNativeMethods.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                string claim = _backend.ReadClaim(claimId);
                return claim + " (read as " + WindowsIdentity.GetCurrent().Name + ")";
            }
            finally
            {
                int revert = UnsafeNativeMethods.NativeRevert(ref _context);
                if (revert != UnsafeNativeMethods.SEC_E_OK)
                    Environment.FailFast("RevertSecurityContext failed: " + revert);
            }
        }
    }
}
