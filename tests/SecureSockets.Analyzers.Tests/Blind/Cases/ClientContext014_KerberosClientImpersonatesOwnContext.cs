// Expect: SSX014
// Why: SSX014 / C-SSPI-1: the only write of `context` in the new-context role (`&context` as phNewContext) is InitializeSecurityContextW inside a `for (;;)` loop that runs it on every path, so the handle given to ImpersonateSecurityContext is client-side. Failure is checked and the revert is in a finally with its result checked (SSX004/SSX005/SSX016 silent).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Coho.Winery.LabelPrinting
{
    [StructLayout(LayoutKind.Sequential)] internal struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] internal struct SecBuffer { public uint cbBuffer; public uint BufferType; public IntPtr pvBuffer; }
    [StructLayout(LayoutKind.Sequential)] internal unsafe struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public SecBuffer* pBuffers; }
    [StructLayout(LayoutKind.Sequential)] internal struct TimeStamp { public uint LowPart; public int HighPart; }

    internal static unsafe class Secur32
    {
        public const int SEC_E_OK = 0, SEC_I_CONTINUE_NEEDED = 0x00090312;
        public const uint SECPKG_CRED_OUTBOUND = 2, ISC_REQ_MUTUAL_AUTH = 0x2, ISC_REQ_ALLOCATE_MEMORY = 0x100;
        public const uint SECURITY_NATIVE_DREP = 0x10, SECBUFFER_TOKEN = 2;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        public static extern int AcquireCredentialsHandleW(string principal, string package, uint credentialUse, IntPtr logonId, IntPtr authData, IntPtr getKeyFn, IntPtr getKeyArgument, SecHandle* phCredential, TimeStamp* ptsExpiry);

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        public static extern int InitializeSecurityContextW(SecHandle* phCredential, SecHandle* phContext, string pszTargetName, uint fContextReq, uint Reserved1, uint TargetDataRep,
            SecBufferDesc* pInput, uint Reserved2, SecHandle* phNewContext, SecBufferDesc* pOutput, uint* pfContextAttr, TimeStamp* ptsExpiry);

        [DllImport("secur32.dll")] public static extern int ImpersonateSecurityContext(SecHandle* phContext);
        [DllImport("secur32.dll")] public static extern int RevertSecurityContext(SecHandle* phContext);
        [DllImport("secur32.dll")] public static extern int FreeContextBuffer(IntPtr pvContextBuffer);
        [DllImport("secur32.dll")] public static extern int DeleteSecurityContext(SecHandle* phContext);
        [DllImport("secur32.dll")] public static extern int FreeCredentialsHandle(SecHandle* phCredential);
    }

    public interface ILabelServerChannel
    {
        byte[] Exchange(byte[] token);
    }

    public sealed unsafe class LabelSpoolUploader
    {
        private readonly ILabelServerChannel _channel;

        public LabelSpoolUploader(ILabelServerChannel channel) => _channel = channel;

        public void UploadAsTicketOwner(string labelServerSpn, string spoolPath, byte[] label)
        {
            SecHandle credential, context = default;
            TimeStamp expiry;
            int status = Secur32.AcquireCredentialsHandleW(null, "Kerberos", Secur32.SECPKG_CRED_OUTBOUND, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, &credential, &expiry);
            if (status != Secur32.SEC_E_OK)
                throw new Win32Exception(status, "AcquireCredentialsHandle");

            byte[] serverToken = null;
            for (;;)
            {
                var outBuffer = new SecBuffer { BufferType = Secur32.SECBUFFER_TOKEN };
                var outDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &outBuffer };
                uint attributes;
                fixed (byte* pToken = serverToken)
                {
                    var inBuffer = new SecBuffer { cbBuffer = (uint)(serverToken?.Length ?? 0), BufferType = Secur32.SECBUFFER_TOKEN, pvBuffer = (IntPtr)pToken };
                    var inDesc = new SecBufferDesc { cBuffers = 1, pBuffers = &inBuffer };
                    status = Secur32.InitializeSecurityContextW(&credential, serverToken == null ? null : &context, labelServerSpn,
                        Secur32.ISC_REQ_MUTUAL_AUTH | Secur32.ISC_REQ_ALLOCATE_MEMORY, 0, Secur32.SECURITY_NATIVE_DREP,
                        serverToken == null ? null : &inDesc, 0, &context, &outDesc, &attributes, &expiry);
                }
                if (status != Secur32.SEC_E_OK && status != Secur32.SEC_I_CONTINUE_NEEDED)
                    throw new Win32Exception(status, "InitializeSecurityContext");

                byte[] clientToken = new byte[outBuffer.cbBuffer];
                if (outBuffer.pvBuffer != IntPtr.Zero)
                {
                    Marshal.Copy(outBuffer.pvBuffer, clientToken, 0, clientToken.Length);
                    Secur32.FreeContextBuffer(outBuffer.pvBuffer);
                }
                if (status == Secur32.SEC_E_OK)
                    break;
                serverToken = _channel.Exchange(clientToken);
            }

            // "Write the spool file as the user who holds the ticket."
            status = {|SSX014:Secur32.ImpersonateSecurityContext(&context)|};
            if (status != Secur32.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                File.WriteAllBytes(spoolPath, label);
            }
            finally
            {
                int revert = Secur32.RevertSecurityContext(&context);
                if (revert != Secur32.SEC_E_OK)
                    Environment.FailFast("RevertSecurityContext failed: 0x" + revert.ToString("X8"));
            }
        }
    }
}
