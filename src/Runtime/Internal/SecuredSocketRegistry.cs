using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SecureSockets
{
    /// <summary>
    /// Remembers which sockets the wrapper secured, so that a second <see cref="SocketSecurity.Apply(Socket, SocketSecuritySettings?)"/>
    /// is refused before Winsock sees it (C-SEC-4). Keyed by handle value (a Socket, its SafeHandle and its Handle are
    /// one socket) and tied to an owner object whose closing ends the entry, because Windows reuses handle values.
    /// </summary>
    internal static class SecuredSocketRegistry
    {
        internal static readonly object Lock = new object();
        private static readonly Dictionary<IntPtr, WeakReference> s_entries = new Dictionary<IntPtr, WeakReference>();

        /// <summary>True when a still-open owner of this handle value was secured by the wrapper. Call under <see cref="Lock"/>.</summary>
        internal static bool IsSecured(IntPtr handle)
        {
            if (!s_entries.TryGetValue(handle, out WeakReference? owner))
            {
                return false;
            }

            if (IsOpen(owner.Target))
            {
                return true;
            }

            s_entries.Remove(handle);
            return false;
        }

        /// <summary>Records a secured socket. Call under <see cref="Lock"/>. An ownerless raw handle is not recorded.</summary>
        internal static void MarkSecured(IntPtr handle, object? owner)
        {
            if (owner == null)
            {
                return;
            }

            if (s_entries.Count >= 256)
            {
                Prune();
            }

            s_entries[handle] = new WeakReference(owner);
        }

        /// <summary>Forgets a handle the wrapper itself closed.</summary>
        internal static void Forget(IntPtr handle)
        {
            lock (Lock)
            {
                s_entries.Remove(handle);
            }
        }

        private static void Prune()
        {
            var stale = new List<IntPtr>();
            foreach (KeyValuePair<IntPtr, WeakReference> entry in s_entries)
            {
                if (!IsOpen(entry.Value.Target))
                {
                    stale.Add(entry.Key);
                }
            }

            foreach (IntPtr handle in stale)
            {
                s_entries.Remove(handle);
            }
        }

        private static bool IsOpen(object? owner)
        {
            switch (owner)
            {
                case Socket socket:
                    return !SocketProbe.IsDisposed(socket);
                case SafeHandle safeHandle:
                    return !safeHandle.IsClosed && !safeHandle.IsInvalid;
                case IWrapperSocket wrapperSocket:
                    return !wrapperSocket.IsClosed;
                default:
                    return false;
            }
        }
    }

    /// <summary>A socket the wrapper created and closes itself.</summary>
    internal interface IWrapperSocket
    {
        bool IsClosed { get; }
    }
}
