// Expect: clean
// Why: C-SSPI-1 + reading 24 "Handles (SSX014)" (a handle is one storage location): the in-process loopback handshake writes `clientContext` with InitializeSecurityContext and `serverContext` with AcceptSecurityContext, and only `serverContext` is impersonated, so SSX014 is silent; status tested, revert in finally with its result checked.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Tailwind.Traders.KioskLogin
{
    [StructLayout(LayoutKind.Sequential)] public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct SecBuffer { public int cbBuffer; public int BufferType; public IntPtr pvBuffer; }
    [StructLayout(LayoutKind.Sequential)] public unsafe struct SecBufferDesc { public int ulVersion; public int cBuffers; public SecBuffer* pBuffers; }

    internal static unsafe class Secur32
    {
        public const int SEC_E_OK = 0, SEC_I_CONTINUE_NEEDED = 0x00090312, SECBUFFER_TOKEN = 2, TokenSize = 12288;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        public static extern int InitializeSecurityContextW(SecHandle* phCredential, SecHandle* phContext, string pszTargetName, int fContextReq, int Reserved1,
            int TargetDataRep, SecBufferDesc* pInput, int Reserved2, SecHandle* phNewContext, SecBufferDesc* pOutput, int* pfContextAttr, long* ptsExpiry);

        [DllImport("secur32.dll")]
        public static extern int AcceptSecurityContext(SecHandle* phCredential, SecHandle* phContext, SecBufferDesc* pInput, int fContextReq, int TargetDataRep,
            SecHandle* phNewContext, SecBufferDesc* pOutput, int* pfContextAttr, long* ptsExpiry);

        [DllImport("secur32.dll")] public static extern int ImpersonateSecurityContext(SecHandle* phContext);
        [DllImport("secur32.dll")] public static extern int RevertSecurityContext(SecHandle* phContext);
    }

    public static unsafe class KioskCredentialValidator
    {
        /// <summary>Validates the typed-in credentials with an NTLM loopback handshake and returns the user's name.</summary>
        public static string ValidateAndGetName(SecHandle clientCredential, SecHandle serverCredential)
        {
            SecHandle clientContext = default, serverContext = default;
            byte* toServer = stackalloc byte[Secur32.TokenSize];
            byte* toClient = stackalloc byte[Secur32.TokenSize];
            int fromServerLength = 0, clientStatus, serverStatus, attributes;
            long expiry;
            bool first = true;

            do
            {
                var clientOut = new SecBuffer { cbBuffer = Secur32.TokenSize, BufferType = Secur32.SECBUFFER_TOKEN, pvBuffer = (IntPtr)toServer };
                var clientIn = new SecBuffer { cbBuffer = fromServerLength, BufferType = Secur32.SECBUFFER_TOKEN, pvBuffer = (IntPtr)toClient };
                var clientOutDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &clientOut };
                var clientInDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &clientIn };
                clientStatus = Secur32.InitializeSecurityContextW(&clientCredential, first ? null : &clientContext, null, 0, 0, 0x10,
                    first ? null : &clientInDesc, 0, &clientContext, &clientOutDesc, &attributes, &expiry);
                if (clientStatus != Secur32.SEC_E_OK && clientStatus != Secur32.SEC_I_CONTINUE_NEEDED)
                    throw new Win32Exception(clientStatus, "InitializeSecurityContext");

                var serverIn = new SecBuffer { cbBuffer = clientOut.cbBuffer, BufferType = Secur32.SECBUFFER_TOKEN, pvBuffer = (IntPtr)toServer };
                var serverOut = new SecBuffer { cbBuffer = Secur32.TokenSize, BufferType = Secur32.SECBUFFER_TOKEN, pvBuffer = (IntPtr)toClient };
                var serverInDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &serverIn };
                var serverOutDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &serverOut };
                serverStatus = Secur32.AcceptSecurityContext(&serverCredential, first ? null : &serverContext, &serverInDesc, 0, 0x10,
                    &serverContext, &serverOutDesc, &attributes, &expiry);
                if (serverStatus != Secur32.SEC_E_OK && serverStatus != Secur32.SEC_I_CONTINUE_NEEDED)
                    throw new Win32Exception(serverStatus, "AcceptSecurityContext (wrong user name or password?)");

                fromServerLength = serverOut.cbBuffer;
                first = false;
            }
            while (serverStatus == Secur32.SEC_I_CONTINUE_NEEDED);

            int status = Secur32.ImpersonateSecurityContext(&serverContext);
            if (status != Secur32.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                return WindowsIdentity.GetCurrent(TokenAccessLevels.Query).Name;
            }
            finally
            {
                int reverted = Secur32.RevertSecurityContext(&serverContext);
                if (reverted != Secur32.SEC_E_OK)
                    Environment.FailFast("RevertSecurityContext failed: " + reverted);
            }
        }
    }
}
