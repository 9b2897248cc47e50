// Expect: clean
// Why: C-SSPI-1 (the context handle comes from AcceptSecurityContext): every write of `_serverContext` in the new-context role is AcceptSecurityContext, so SSX014 is silent; the impersonation result is tested, the revert is in a finally and its status is checked (SSX004/SSX005/SSX016 silent).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.DocumentVault.Server
{
    public enum SecurityStatus : uint
    {
        OK = 0x00000000,
        ContinueNeeded = 0x00090312,
        InvalidToken = 0x80090308,
        LogonDenied = 0x8009030C,
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct RawSspiHandle { public IntPtr LowPart; public IntPtr HighPart; }
    [StructLayout(LayoutKind.Sequential)] public struct SecureBufferAdapter { public int Version; public int NumBuffers; public IntPtr Buffers; }

    internal static class ContextNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "AcceptSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecurityStatus AcceptSecurityContext_1(ref RawSspiHandle credHandle, IntPtr oldContextHandle, ref SecureBufferAdapter inputBuffer,
            uint requestedAttribs, uint endianness, ref RawSspiHandle newContextHandle, ref SecureBufferAdapter outputBuffer, out uint outputAttribs, out long expiry);

        [DllImport("Secur32.dll", EntryPoint = "AcceptSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecurityStatus AcceptSecurityContext_2(ref RawSspiHandle credHandle, ref RawSspiHandle oldContextHandle, ref SecureBufferAdapter inputBuffer,
            uint requestedAttribs, uint endianness, ref RawSspiHandle newContextHandle, ref SecureBufferAdapter outputBuffer, out uint outputAttribs, out long expiry);

        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext")] internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);
        [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext")] internal static extern SecurityStatus RevertSecurityContext(ref RawSspiHandle contextHandle);
    }

    public interface INegotiateTransport
    {
        SecureBufferAdapter ReceiveToken();
        void SendToken(SecureBufferAdapter token);
    }

    public sealed class VaultSession
    {
        private RawSspiHandle _credential;
        private RawSspiHandle _serverContext;

        public VaultSession(RawSspiHandle serverCredential) => _credential = serverCredential;

        public byte[] ReadDocumentAsClient(INegotiateTransport transport, string documentPath, SecureBufferAdapter outputTemplate)
        {
            SecureBufferAdapter input = transport.ReceiveToken();
            SecureBufferAdapter output = outputTemplate;
            SecurityStatus status = ContextNativeMethods.AcceptSecurityContext_1(ref _credential, IntPtr.Zero, ref input, 0x800, 0x10, ref _serverContext, ref output, out _, out _);

            while (status == SecurityStatus.ContinueNeeded)
            {
                transport.SendToken(output);
                input = transport.ReceiveToken();
                output = outputTemplate;
                status = ContextNativeMethods.AcceptSecurityContext_2(ref _credential, ref _serverContext, ref input, 0x800, 0x10, ref _serverContext, ref output, out _, out _);
            }
            if (status != SecurityStatus.OK)
                throw new Win32Exception((int)status, "AcceptSecurityContext");

            status = ContextNativeMethods.ImpersonateSecurityContext(ref _serverContext);
            if (status != SecurityStatus.OK)
                throw new Win32Exception((int)status, "ImpersonateSecurityContext");
            try
            {
                return File.ReadAllBytes(documentPath);
            }
            finally
            {
                SecurityStatus reverted = ContextNativeMethods.RevertSecurityContext(ref _serverContext);
                if (reverted != SecurityStatus.OK)
                    Environment.FailFast("RevertSecurityContext failed: " + reverted);
            }
        }
    }
}
