// Expect: SSX016
// Why: Precision 13 ("a local function is summarized like any helper and its calls are events"): the local begin-helper throws on failure, the local revert runs in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.BuildAgent
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiInterop
    {
        public const int SEC_E_OK = 0;

        [DllImport("SECUR32.DLL")]
        public static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("SECUR32.DLL")]
        public static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class ArtifactDropHandler
    {
        private readonly string _dropRoot;

        public ArtifactDropHandler(string dropRoot)
        {
            _dropRoot = dropRoot;
        }

        public IReadOnlyList<string> CopyArtifacts(CtxtHandle clientContext, IEnumerable<string> artifacts, string buildNumber)
        {
            var copied = new List<string>();
            string target = Path.Combine(_dropRoot, buildNumber);

            void ImpersonateClient()
            {
                int status = SspiInterop.ImpersonateSecurityContext(ref clientContext);
                if (status != SspiInterop.SEC_E_OK)
                    throw new Win32Exception(status, "Cannot impersonate the build client.");
            }

            void RevertToService() => {|SSX016:SspiInterop.RevertSecurityContext(ref clientContext)|};

            ImpersonateClient();
            try
            {
                Directory.CreateDirectory(target);
                foreach (string artifact in artifacts)
                {
                    string destination = Path.Combine(target, Path.GetFileName(artifact));
                    File.Copy(artifact, destination, overwrite: true);
                    copied.Add(destination);
                }
            }
            finally
            {
                RevertToService();
            }

            return copied;
        }
    }
}
