// Expect: clean
// Why: SSX014 requires the handle to be last written by InitializeSecurityContext "on every path": this symmetric replication peer writes `context` with AcceptSecurityContext when it plays the server and with InitializeSecurityContext otherwise, so on some path it comes from AcceptSecurityContext; a rule that cannot decide stays silent.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fabrikam.Mesh.Replication
{
    [StructLayout(LayoutKind.Sequential)] public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public IntPtr pBuffers; }

    internal static unsafe class NativeSspi
    {
        public const int SEC_E_OK = 0;

        [DllImport("sspicli.dll", CharSet = CharSet.Unicode)]
        public static extern int InitializeSecurityContextW(SecHandle* phCredential, SecHandle* phContext, string pszTargetName, uint fContextReq, uint Reserved1,
            uint TargetDataRep, SecBufferDesc* pInput, uint Reserved2, SecHandle* phNewContext, SecBufferDesc* pOutput, uint* pfContextAttr, long* ptsExpiry);

        [DllImport("sspicli.dll")]
        public static extern int AcceptSecurityContext(SecHandle* phCredential, SecHandle* phContext, SecBufferDesc* pInput, uint fContextReq, uint TargetDataRep,
            SecHandle* phNewContext, SecBufferDesc* pOutput, uint* pfContextAttr, long* ptsExpiry);

        [DllImport("sspicli.dll")] public static extern int ImpersonateSecurityContext(SecHandle* phContext);
        [DllImport("sspicli.dll")] public static extern int RevertSecurityContext(SecHandle* phContext);
    }

    public enum PeerRole { Initiator, Responder }

    public interface IReplicaStore { void ApplyBatch(byte[] batch); }

    public sealed unsafe class ReplicationPeer
    {
        private readonly IReplicaStore _store;
        private SecHandle _credential;

        public ReplicationPeer(IReplicaStore store, SecHandle credential)
        {
            _store = store;
            _credential = credential;
        }

        public void ApplyAuthenticated(PeerRole role, string partnerSpn, SecBufferDesc token, byte[] batch)
        {
            SecHandle context = default;
            SecBufferDesc output = default;
            uint attributes;
            long expiry;
            int status;
            fixed (SecHandle* credential = &_credential)
            {
                if (role == PeerRole.Responder)
                    status = NativeSspi.AcceptSecurityContext(credential, null, &token, 0x800, 0x10, &context, &output, &attributes, &expiry);
                else
                    status = NativeSspi.InitializeSecurityContextW(credential, null, partnerSpn, 0x800, 0, 0x10, null, 0, &context, &output, &attributes, &expiry);
            }
            if (status != NativeSspi.SEC_E_OK)
                throw new Win32Exception(status, "single-leg handshake");

            status = NativeSspi.ImpersonateSecurityContext(&context);
            if (status != NativeSspi.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                _store.ApplyBatch(batch);
            }
            finally
            {
                status = NativeSspi.RevertSecurityContext(&context);
                if (status != NativeSspi.SEC_E_OK)
                    Environment.FailFast("RevertSecurityContext: " + status);
            }
        }
    }
}
