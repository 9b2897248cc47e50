using System;
using System.ComponentModel;
using System.Threading.Tasks;
using static Consumer.NativeMethods;

namespace Consumer;

/// <summary>Authorization checks run as the client: SSPI context impersonation and socket peer impersonation.</summary>
internal static class Impersonation
{
    private static SecHandle serverContext;

    // Correct (C-SSPI-3, C-SSPI-5): the status is checked and the revert is in a finally that covers the work.
    public static T RunAsClient<T>(ref SecHandle context, Func<T> work)
    {
        var status = ImpersonateSecurityContext(ref context);
        if (status != SEC_E_OK)
        {
            throw new Win32Exception(status);
        }

        try
        {
            return work();
        }
        finally
        {
            if (RevertSecurityContext(ref context) != SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
            }
        }
    }

    // Misuse: if the work throws, the thread keeps the client's identity (C-SSPI-3).
    public static T RunAsClientNoFinally<T>(ref SecHandle context, Func<T> work)
    {
        if (ImpersonateSecurityContext(ref context) != SEC_E_OK) // SSX004
        {
            throw new Win32Exception();
        }

        var result = work();
        RevertSecurityContext(ref context); // SSX016
        return result;
    }

    // Misuse: the status is ignored; on failure the work runs as the server itself (C-SSPI-5).
    public static void RunIgnoringStatus(ref SecHandle context, Action work)
    {
        ImpersonateSecurityContext(ref context); // SSX005
        try
        {
            work();
        }
        finally
        {
            RevertSecurityContext(ref context); // SSX016
        }
    }

    // Correct (C-ALL-1): the client's data is read while impersonating; the await comes after the revert.
    public static async Task<string> ReadAsClientThenSendAsync(Func<string> readAsClient, Func<string, Task> send)
    {
        string data;
        if (ImpersonateSecurityContext(ref serverContext) != SEC_E_OK)
        {
            throw new Win32Exception();
        }

        try
        {
            data = readAsClient();
        }
        finally
        {
            if (RevertSecurityContext(ref serverContext) != SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
            }
        }

        await send(data);
        return data;
    }

    // Misuse: the continuation after the await may run on another thread, and this one stays impersonated (C-ALL-1).
    public static async Task ReadAsClientAcrossAwaitAsync(Func<Task> readAsClientAsync)
    {
        if (ImpersonateSecurityContext(ref serverContext) != SEC_E_OK)
        {
            throw new Win32Exception();
        }

        try
        {
            await readAsClientAsync(); // SSX008
        }
        finally
        {
            RevertSecurityContext(ref serverContext); // SSX016
        }
    }

    // Misuse: a loopback self-test impersonates the client side of the handshake it just started (C-SSPI-1).
    public static bool SelfTestImpersonation(ref SecHandle credential, Func<bool> accessCheck)
    {
        var clientContext = default(SecHandle);
        if (InitializeSecurityContextW(ref credential, IntPtr.Zero, "host/localhost", 0, 0, 0, IntPtr.Zero, 0, ref clientContext, IntPtr.Zero, out _, out _) != SEC_E_OK)
        {
            return false;
        }

        if (ImpersonateSecurityContext(ref clientContext) != SEC_E_OK) // SSX014
        {
            return false;
        }

        try
        {
            return accessCheck();
        }
        finally
        {
            if (RevertSecurityContext(ref clientContext) != SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
            }
        }
    }

    // Correct (C-IMP-1): the peer's identity is used for the check only, and always reverted.
    public static bool IsPeerAllowed(IntPtr acceptedSocket, Func<bool> accessCheck)
    {
        if (WSAImpersonateSocketPeer(acceptedSocket, IntPtr.Zero, 0) != 0)
        {
            return false;
        }

        try
        {
            return accessCheck();
        }
        finally
        {
            if (WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
            }
        }
    }

    // Misuse: an exception from the access check leaves the thread impersonating the peer (C-IMP-1).
    public static bool IsPeerAllowedNoFinally(IntPtr acceptedSocket, Func<bool> accessCheck)
    {
        if (WSAImpersonateSocketPeer(acceptedSocket, IntPtr.Zero, 0) != 0) // SSX003
        {
            return false;
        }

        var allowed = accessCheck();
        WSARevertImpersonation(); // SSX016
        return allowed;
    }
}
