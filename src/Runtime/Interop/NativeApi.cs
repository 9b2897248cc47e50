using System;
using System.Runtime.InteropServices;

namespace SecureSockets.Interop
{
    /// <summary>Where the public API gets its native seam: the test override, else Windows, else nothing.</summary>
    internal static class NativeApi
    {
        private static readonly object s_startupLock = new object();
        private static WindowsNative? s_windows;
        private static ISecureSocketsNative? s_startedFor;

        /// <summary>Tests install a contract simulator here. Null = the real DLLs.</summary>
        internal static ISecureSocketsNative? Override { get; set; }

        /// <summary>
        /// The seam to call. Call only after every argument has been validated: on a system other than Windows it
        /// throws <see cref="PlatformNotSupportedException"/>.
        /// </summary>
        internal static ISecureSocketsNative Get(string operation)
        {
            ISecureSocketsNative? overridden = Override;
            if (overridden != null)
            {
                return overridden;
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                throw new PlatformNotSupportedException(
                    operation + " needs the Winsock Secure Socket Extensions and SSPI (ws2_32.dll, Fwpuclnt.dll, "
                    + "Secur32.dll), which exist only on Windows (Vista / Server 2008 or later). This system is "
                    + RuntimeInformation.OSDescription + ".");
            }

            return s_windows ??= new WindowsNative();
        }

        /// <summary>Calls WSAStartup once per seam before the wrapper's first WSASocketW.</summary>
        internal static void EnsureStarted(ISecureSocketsNative native)
        {
            lock (s_startupLock)
            {
                if (ReferenceEquals(s_startedFor, native))
                {
                    return;
                }

                int error = native.WSAStartup();
                if (error != 0)
                {
                    throw Errors.Winsock(error, "WSAStartup", "C-ALL-2", "Winsock could not be initialized.");
                }

                s_startedFor = native;
            }
        }
    }
}
