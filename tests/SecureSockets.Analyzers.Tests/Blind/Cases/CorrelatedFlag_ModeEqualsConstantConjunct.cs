// Expect: SSX016
// Why: Precision 4 ("comparisons of one unchanged local with one constant ... alone or as a conjunct of &&"): `mode == ModeClient && allowDelegation` guards both the begin-helper and the revert helper. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Adatum.Cms.Publishing
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class PublishRequest
    {
        public int AccessMode;
        public SecHandle Context;
        public string SourcePath;
        public string TargetPath;
    }

    internal static class SspiHelpers
    {
        [DllImport("secur32.dll")]
        private static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        private static extern int RevertSecurityContext(ref SecHandle phContext);

        public static void Begin(ref SecHandle context)
        {
            int status = ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status);
        }

        public static void End(ref SecHandle context) => {|SSX016:RevertSecurityContext(ref context)|};
    }

    public sealed class Publisher
    {
        private const int ModeService = 1;
        private const int ModeClient = 2;

        public void Publish(PublishRequest request, bool allowDelegation)
        {
            int mode = request.AccessMode;
            if (mode != ModeService && mode != ModeClient)
                throw new ArgumentOutOfRangeException(nameof(request), "Unknown access mode " + mode);

            if (mode == ModeClient && allowDelegation)
                SspiHelpers.Begin(ref request.Context);
            try
            {
                File.Copy(request.SourcePath, request.TargetPath, overwrite: true);
                File.SetLastWriteTimeUtc(request.TargetPath, DateTime.UtcNow);
            }
            finally
            {
                if (mode == ModeClient && allowDelegation)
                    SspiHelpers.End(ref request.Context);
            }
        }
    }
}
