// Companion of Multi_CollectionInitializerProbeHelper_none: the client session, the begin/end helpers and the write probe.
using System;
using System.ComponentModel;
using System.IO;
using AdventureWorks.FileServices.Interop;

namespace AdventureWorks.FileServices.Audit
{
    /// <summary>A client authenticated by AcceptSecurityContext elsewhere in the file server.</summary>
    public sealed class ClientSession
    {
        internal SecHandle Context;

        public ClientSession(SecHandle context, string account)
        {
            Context = context;
            Account = account;
        }

        public string Account { get; }
    }

    internal static class SessionSecurity
    {
        /// <summary>Begins impersonating the session's client on this thread; returns the SSPI status.</summary>
        internal static int BeginImpersonation(ClientSession session) => ImpersonateCore(ref session.Context);

        private static int ImpersonateCore(ref SecHandle context) => SecurityDll.NativeImpersonateSecurityContext(ref context);

        internal static void EndImpersonation(ClientSession session)
        {
            int status = SecurityDll.NativeRevertSecurityContext(ref session.Context);
            if (status != SecurityDll.SEC_E_OK)
                throw new Win32Exception(status, "RevertSecurityContext");
        }
    }

    internal static class AccessProbe
    {
        /// <summary>True when the session's client may create files in the directory.</summary>
        internal static bool CanWrite(ClientSession session, string directory)
        {
            int status = SessionSecurity.BeginImpersonation(session);
            if (status != SecurityDll.SEC_E_OK)
                return false;

            try
            {
                string probe = Path.Combine(directory, ".access-probe-" + Guid.NewGuid().ToString("N"));
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }

                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
            catch (IOException)
            {
                return false;
            }
            finally
            {
                SessionSecurity.EndImpersonation(session);
            }
        }
    }
}
