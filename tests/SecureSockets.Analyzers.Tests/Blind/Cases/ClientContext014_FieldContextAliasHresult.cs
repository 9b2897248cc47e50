// Expect: SSX014
// Why: reading 24 "Handles (SSX014)" ("a handle is a storage location like a socket (aliases, fields, rule 14)"): the field `_clientContext` is written by InitializeSecurityContext (EntryPoint InitializeSecurityContextW) and copied into the local `handle`, the same handle, which is then impersonated; C-SSPI-1. HRESULT `.ThrowOnFailure()` / `.Failed` are the tests (Precision 6).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Blueyonder.Airlines.CrewPortal
{
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct HRESULT
    {
        public readonly int Value;
        public HRESULT(int value) => Value = value;
        public bool Succeeded => Value >= 0;
        public bool Failed => Value < 0;
        public HRESULT ThrowOnFailure() { if (Failed) Marshal.ThrowExceptionForHR(Value); return this; }
    }

    [StructLayout(LayoutKind.Sequential)] internal struct SecHandle { public nuint dwLower; public nuint dwUpper; }
    [StructLayout(LayoutKind.Sequential)] internal struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public IntPtr pBuffers; }

    internal static class PInvoke
    {
        internal const uint ISC_REQ_DELEGATE = 0x1, ISC_REQ_ALLOCATE_MEMORY = 0x100, SECURITY_NATIVE_DREP = 0x10;

        [DllImport("SECUR32.dll", EntryPoint = "InitializeSecurityContextW", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern HRESULT InitializeSecurityContext(ref SecHandle phCredential, IntPtr phContext, string pszTargetName, uint fContextReq, uint Reserved1,
            uint TargetDataRep, IntPtr pInput, uint Reserved2, ref SecHandle phNewContext, ref SecBufferDesc pOutput, out uint pfContextAttr, out long ptsExpiry);

        [DllImport("SECUR32.dll", ExactSpelling = true)] internal static extern HRESULT ImpersonateSecurityContext(ref SecHandle phContext);
        [DllImport("SECUR32.dll", ExactSpelling = true)] internal static extern HRESULT RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class RosterShareProbe
    {
        private SecHandle _credential;
        private SecHandle _clientContext;

        public RosterShareProbe(IntPtr credentialLower, IntPtr credentialUpper)
        {
            _credential = new SecHandle { dwLower = (nuint)(nint)credentialLower, dwUpper = (nuint)(nint)credentialUpper };
        }

        /// <summary>Checks that the signed-in crew member can read the roster share through a delegated Kerberos ticket.</summary>
        public bool CanReadRoster(string fileServerSpn, string rosterPath)
        {
            var output = new SecBufferDesc { cBuffers = 1 };
            PInvoke.InitializeSecurityContext(ref _credential, IntPtr.Zero, fileServerSpn, PInvoke.ISC_REQ_DELEGATE | PInvoke.ISC_REQ_ALLOCATE_MEMORY, 0,
                PInvoke.SECURITY_NATIVE_DREP, IntPtr.Zero, 0, ref _clientContext, ref output, out _, out _).ThrowOnFailure();

            SecHandle handle = _clientContext;
            {|SSX014:PInvoke.ImpersonateSecurityContext(ref handle)|}.ThrowOnFailure();
            try
            {
                using (File.OpenRead(rosterPath))
                {
                    return true;
                }
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
            finally
            {
                HRESULT reverted = PInvoke.RevertSecurityContext(ref handle);
                if (reverted.Failed)
                    Environment.FailFast("RevertSecurityContext failed: 0x" + reverted.Value.ToString("X8"));
            }
        }
    }
}
