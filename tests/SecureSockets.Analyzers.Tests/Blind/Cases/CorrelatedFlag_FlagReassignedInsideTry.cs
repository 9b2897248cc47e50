// Expect: SSX004, SSX016
// Why: Precision 4 ("not assigned in between"): `impersonate` is set to false inside the try on the fallback path, so the finally skips the revert although the begin-helper succeeded. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.Templates.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class TemplateRequest
    {
        public bool RunAsCaller;
        public SecHandle Context;
        public string Name;
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

    public sealed class TemplateProvider
    {
        private readonly string _userTemplates;
        private readonly string _defaultTemplates;

        public TemplateProvider(string userTemplates, string defaultTemplates)
        {
            _userTemplates = userTemplates;
            _defaultTemplates = defaultTemplates;
        }

        public string Load(TemplateRequest request)
        {
            bool impersonate = request.RunAsCaller;
            string path = Path.Combine(_userTemplates, request.Name);

            if (impersonate)
                {|SSX004:SspiHelpers.Begin(ref request.Context)|};
            try
            {
                if (!File.Exists(path))
                {
                    impersonate = false;
                    path = Path.Combine(_defaultTemplates, request.Name);
                }
                return File.ReadAllText(path);
            }
            finally
            {
                if (impersonate)
                    SspiHelpers.End(ref request.Context);
            }
        }
    }
}
