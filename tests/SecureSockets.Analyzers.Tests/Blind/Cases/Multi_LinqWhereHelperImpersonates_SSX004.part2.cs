// Companion of Multi_LinqWhereHelperImpersonates_SSX004: the access-check helper (the finding is here).
using System;
using System.IO;
using Tailspin.Share.Browser.Interop;

namespace Tailspin.Share.Browser
{
    internal static class ClientAccess
    {
        /// <summary>True when the authenticated client may open the file for reading.</summary>
        internal static bool CanRead(AcceptedClient client, string path)
        {
            int status = {|SSX004:SspiNative.NativeImpersonateClient(ref client.Context)|};
            if (status != SspiNative.SEC_E_OK)
                return false;

            FileAttributes attributes = File.GetAttributes(path);
            bool readable = (attributes & FileAttributes.Directory) == 0 && TryOpen(path);

            RevertOrDie(client);
            return readable;
        }

        private static bool TryOpen(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                }

                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static void RevertOrDie(AcceptedClient client)
        {
            int status = SspiNative.NativeRevertClient(ref client.Context);
            if (status != SspiNative.SEC_E_OK)
                Environment.FailFast("RevertSecurityContext failed: 0x" + status.ToString("X8"));
        }
    }
}
