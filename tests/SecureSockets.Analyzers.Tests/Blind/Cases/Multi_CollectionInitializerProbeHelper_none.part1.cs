// Companion of Multi_CollectionInitializerProbeHelper_none: SSPI P/Invoke through security.dll, renamed through EntryPoint, module name from a constant.
using System;
using System.Runtime.InteropServices;

namespace AdventureWorks.FileServices.Interop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SecurityDll
    {
        private const string Library = "security.dll";
        internal const int SEC_E_OK = 0;

        [DllImport(Library, EntryPoint = "ImpersonateSecurityContext")]
        internal static extern int NativeImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport(Library, EntryPoint = "RevertSecurityContext")]
        internal static extern int NativeRevertSecurityContext(ref SecHandle phContext);
    }
}
