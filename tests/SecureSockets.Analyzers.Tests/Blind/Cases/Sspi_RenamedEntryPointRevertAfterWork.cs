// Expect: SSX004, SSX016
// Why: Precision 1 (the API is identified by EntryPoint, here with renamed C# methods and the module name from a constant) and SSX004 (the revert runs only in straight-line code after the handler, which may throw). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Contoso.Rpc.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class UnsafeNativeMethods
    {
        private const string SECUR32 = "secur32.dll";

        [DllImport(SECUR32, EntryPoint = "ImpersonateSecurityContext", ExactSpelling = true)]
        internal static extern int NativeImpersonateClient(ref SecHandle phContext);

        [DllImport(SECUR32, EntryPoint = "RevertSecurityContext", ExactSpelling = true)]
        internal static extern int NativeRevertToServer(ref SecHandle phContext);
    }

    public interface IRpcHandler
    {
        byte[] Invoke(int opnum, byte[] stub);
    }

    public sealed class AuthenticatedRpcDispatcher
    {
        private readonly IRpcHandler _handler;
        private SecHandle _serverContext;

        public AuthenticatedRpcDispatcher(IRpcHandler handler, SecHandle serverContext)
        {
            _handler = handler;
            _serverContext = serverContext;
        }

        public byte[] DispatchAsClient(int opnum, byte[] stub)
        {
            int status = {|SSX004:UnsafeNativeMethods.NativeImpersonateClient(ref _serverContext)|};
            if (status != 0)
                throw new Win32Exception(status, "RPC_S_CANNOT_SUPPORT");

            byte[] response = _handler.Invoke(opnum, stub);
            {|SSX016:UnsafeNativeMethods.NativeRevertToServer(ref _serverContext)|};
            return response;
        }
    }
}
