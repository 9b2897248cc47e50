using System;
using System.ComponentModel;
using System.Globalization;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>Builds the wrapper's exceptions; every message names the contract clause (its C-XXX-n id).</summary>
    internal static class Errors
    {
        internal const string AsyncNeedsNet8 =
            "C-ALL-1: running an async delegate impersonated needs WindowsIdentity.RunImpersonatedAsync, which this "
            + "build of SecureSockets (netstandard2.0) cannot reach. Use the net8.0 build on Windows, or the synchronous "
            + "scope around synchronous work only.";

        internal static SecureSocketException Winsock(int code, string function, string clause, string what) =>
            new SecureSocketException(
                code,
                function,
                string.Format(CultureInfo.InvariantCulture, "{0}: {1} failed with {2} ({3}). {4}", clause, function, Name(code), code, what));

        internal static SecurityStatusException Sspi(int status, string function, string clause, string what) =>
            new SecurityStatusException(
                status,
                function,
                string.Format(CultureInfo.InvariantCulture, "{0}: {1} returned {2} (0x{3:X8}). {4}", clause, function, SspiName(status), status, what));

        internal static Win32Exception Win32(int code, string function, string clause, string what) =>
            new Win32Exception(
                code,
                string.Format(CultureInfo.InvariantCulture, "{0}: {1} failed with Win32 error {2}. {3}", clause, function, code, what));

        internal static string Name(int code)
        {
            switch (code)
            {
                case NativeConstants.WSAEFAULT: return "WSAEFAULT";
                case NativeConstants.WSAEINVAL: return "WSAEINVAL";
                case NativeConstants.WSAENOTSOCK: return "WSAENOTSOCK";
                case NativeConstants.WSAEMSGSIZE: return "WSAEMSGSIZE";
                case NativeConstants.WSAEAFNOSUPPORT: return "WSAEAFNOSUPPORT";
                case NativeConstants.WSAEISCONN: return "WSAEISCONN";
                case NativeConstants.WSAENOTCONN: return "WSAENOTCONN";
                case NativeConstants.WSANOTINITIALISED: return "WSANOTINITIALISED";
                default: return "Winsock error";
            }
        }

        internal static string SspiName(int status)
        {
            switch (status)
            {
                case NativeConstants.SEC_E_INVALID_HANDLE: return "SEC_E_INVALID_HANDLE";
                case NativeConstants.SEC_E_UNSUPPORTED_FUNCTION: return "SEC_E_UNSUPPORTED_FUNCTION";
                case NativeConstants.SEC_E_NO_IMPERSONATION: return "SEC_E_NO_IMPERSONATION";
                default: return "SECURITY_STATUS";
            }
        }

        internal static ObjectDisposedException Disposed(string objectName, string clause) =>
            new ObjectDisposedException(objectName, clause + ": the socket is closed; no Winsock call was made.");
    }
}
