// Expect: SSX016
// Why: SSX004/SSX005: the call and its `!= SEC_E_OK` throw are inside the try whose finally reverts, so the revert covers every path (a revert on the failure path is harmless) and the failure leaves before the work. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.IO;

namespace Contoso.Settings.Broker
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNative
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class UserSettingsReader
    {
        public IReadOnlyDictionary<string, string> ReadClientSettings(SecHandle clientContext, string settingsFile)
        {
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                int status = SspiNative.ImpersonateSecurityContext(ref clientContext);
                if (status != SspiNative.SEC_E_OK)
                    throw new Win32Exception(status, "ImpersonateSecurityContext");

                // The file's ACL decides what this client may see.
                if (!File.Exists(settingsFile))
                    return settings;

                foreach (string line in File.ReadLines(settingsFile))
                {
                    int eq = line.IndexOf('=');
                    if (eq > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                        settings[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
                }
            }
            finally
            {
                {|SSX016:SspiNative.RevertSecurityContext(ref clientContext)|};
            }

            return settings;
        }
    }
}
