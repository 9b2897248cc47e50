// Expect: SSX016
// Why: Results section (CsWin32 projects SSPI as returning HRESULT) + Precision 6/11 (`.ThrowOnFailure()` right after the call and `hr.Failed` are tests, not work); reverts in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using Windows.Win32;
using Windows.Win32.Foundation;
using Windows.Win32.Security.Authentication.Identity;

namespace Windows.Win32.Foundation
{
    internal readonly partial struct HRESULT : IEquatable<HRESULT>
    {
        internal readonly int Value;
        internal HRESULT(int value) => this.Value = value;
        public static implicit operator int(HRESULT value) => value.Value;
        public static explicit operator HRESULT(int value) => new HRESULT(value);
        internal static readonly HRESULT S_OK = (HRESULT)0;
        internal bool Succeeded => this.Value >= 0;
        internal bool Failed => this.Value < 0;
        public bool Equals(HRESULT other) => this.Value == other.Value;
        public override bool Equals(object obj) => obj is HRESULT other && this.Equals(other);
        public override int GetHashCode() => this.Value;

        internal HRESULT ThrowOnFailure(IntPtr errorInfo = default)
        {
            Marshal.ThrowExceptionForHR(this.Value, errorInfo);
            return this;
        }
    }
}

namespace Windows.Win32.Security.Authentication.Identity
{
    internal partial struct SecHandle
    {
        internal nuint dwLower;
        internal nuint dwUpper;
    }
}

namespace Windows.Win32
{
    internal static partial class PInvoke
    {
        [DllImport("SECUR32.dll", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static extern unsafe HRESULT ImpersonateSecurityContext(SecHandle* phContext);

        [DllImport("SECUR32.dll", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static extern unsafe HRESULT RevertSecurityContext(SecHandle* phContext);
    }
}

namespace Contoso.Negotiate.Server
{
    internal sealed unsafe class ClientContext
    {
        private SecHandle _context;

        internal ClientContext(SecHandle context) => _context = context;

        internal string ReadAsClient(string path)
        {
            SecHandle context = _context;
            PInvoke.ImpersonateSecurityContext(&context).ThrowOnFailure();
            try
            {
                return File.ReadAllText(path);
            }
            finally
            {
                {|SSX016:PInvoke.RevertSecurityContext(&context)|};
            }
        }

        internal HRESULT TryDeleteAsClient(string path)
        {
            SecHandle context = _context;
            HRESULT hr = PInvoke.ImpersonateSecurityContext(&context);
            if (hr.Failed)
                return hr;

            try
            {
                File.Delete(path);
                return HRESULT.S_OK;
            }
            finally
            {
                {|SSX016:PInvoke.RevertSecurityContext(&context)|};
            }
        }
    }
}
