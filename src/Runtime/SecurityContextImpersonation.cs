using System;
using System.Threading.Tasks;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// The calling thread acts as an SSPI client (ImpersonateSecurityContext) until <see cref="Dispose"/> reverts
    /// (RevertSecurityContext, C-SSPI-3). Begin throws a <see cref="SecurityStatusException"/> with the SECURITY_STATUS
    /// when impersonation fails, so the client's request cannot run in the server's own context (C-SSPI-5). The handle
    /// must be the server side of the handshake, from AcceptSecurityContext (C-SSPI-1). The scope belongs to its thread
    /// (C-ALL-1): for async work use <see cref="RunImpersonatedAsync{THandle}(in THandle, Func{Task})"/>.
    /// <code>
    /// using (SecurityContextImpersonation.Begin(in serverContext)) { CheckAccess(); }
    /// </code>
    /// </summary>
    public sealed class SecurityContextImpersonation : IDisposable
    {
        private readonly ThreadScope _scope;
        private readonly ISecureSocketsNative _native;
        private SspiContextHandle _context;

        private SecurityContextImpersonation(ISecureSocketsNative native, SspiContextHandle context)
        {
            _native = native;
            _context = context;
            _scope = new ThreadScope(this, "RevertSecurityContext", "C-SSPI-3");
        }

        /// <summary>True until the scope reverted.</summary>
        public bool IsActive => _scope.IsActive;

        /// <summary>The context handle the scope impersonates.</summary>
        public SspiContextHandle ContextHandle => _context;

        /// <summary>
        /// Impersonates the client of <paramref name="contextHandle"/>: any unmanaged struct of two pointer-sized fields
        /// (CtxtHandle, SecHandle, SECURITY_HANDLE as users declare them). Its size is checked first.
        /// </summary>
        /// <typeparam name="T">The handle struct; exactly two pointer-sized fields.</typeparam>
        /// <param name="contextHandle">The server-side context from AcceptSecurityContext (C-SSPI-1).</param>
        /// <returns>The scope; dispose it on the same thread to revert.</returns>
        /// <exception cref="ArgumentException">The struct is not 2 × IntPtr.Size bytes, or the handle is empty / invalidated (C-SSPI-1).</exception>
        /// <exception cref="InvalidOperationException">This thread already impersonates (C-ALL-1).</exception>
        /// <exception cref="SecurityStatusException">ImpersonateSecurityContext failed; the client is not impersonated (C-SSPI-5).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.BeginsImpersonation(Contracts.ImpersonationKind.SecurityContext)]
        public static SecurityContextImpersonation Begin<T>(in T contextHandle)
            where T : unmanaged =>
            BeginCore(ToHandle(in contextHandle, nameof(contextHandle)));

        /// <summary>Impersonates the client of the wrapper's own handle struct (see <see cref="Begin{T}(in T)"/>).</summary>
        /// <param name="contextHandle">The server-side context from AcceptSecurityContext (C-SSPI-1).</param>
        /// <returns>The scope; dispose it on the same thread to revert.</returns>
        /// <exception cref="ArgumentException">The handle is empty or invalidated (C-SSPI-1).</exception>
        /// <exception cref="InvalidOperationException">This thread already impersonates (C-ALL-1).</exception>
        /// <exception cref="SecurityStatusException">ImpersonateSecurityContext failed; the client is not impersonated (C-SSPI-5).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.BeginsImpersonation(Contracts.ImpersonationKind.SecurityContext)]
        public static SecurityContextImpersonation Begin(in SspiContextHandle contextHandle) =>
            BeginCore(CheckSet(contextHandle, nameof(contextHandle)));

        /// <summary>Runs <paramref name="action"/> as the client, then reverts (C-SSPI-3, C-SSPI-5).</summary>
        /// <typeparam name="THandle">The handle struct; exactly two pointer-sized fields.</typeparam>
        /// <param name="contextHandle">The server-side context (C-SSPI-1).</param>
        /// <param name="action">Synchronous work; async delegates are refused (C-ALL-1).</param>
        /// <exception cref="ArgumentException">A bad handle (C-SSPI-1) or an async delegate (C-ALL-1).</exception>
        /// <exception cref="SecurityStatusException">ImpersonateSecurityContext failed; <paramref name="action"/> did not run (C-SSPI-5).</exception>
        public static void Run<THandle>(in THandle contextHandle, Action action)
            where THandle : unmanaged
        {
            SspiContextHandle handle = ToHandle(in contextHandle, nameof(contextHandle));
            DelegateGuard.CheckSynchronous(action, typeof(void), nameof(action));
            using (BeginCore(handle))
            {
                action();
            }
        }

        /// <summary>Runs <paramref name="func"/> as the client and returns its result, then reverts (C-SSPI-3, C-SSPI-5).</summary>
        /// <typeparam name="THandle">The handle struct; exactly two pointer-sized fields.</typeparam>
        /// <typeparam name="TResult">The result type; Task, ValueTask and other awaitables are refused (C-ALL-1).</typeparam>
        /// <param name="contextHandle">The server-side context (C-SSPI-1).</param>
        /// <param name="func">Synchronous work.</param>
        /// <returns>What <paramref name="func"/> returned.</returns>
        /// <exception cref="ArgumentException">A bad handle (C-SSPI-1) or an async delegate / result type (C-ALL-1).</exception>
        /// <exception cref="SecurityStatusException">ImpersonateSecurityContext failed; <paramref name="func"/> did not run (C-SSPI-5).</exception>
        public static TResult Run<THandle, TResult>(in THandle contextHandle, Func<TResult> func)
            where THandle : unmanaged
        {
            SspiContextHandle handle = ToHandle(in contextHandle, nameof(contextHandle));
            DelegateGuard.CheckSynchronous(func, typeof(TResult), nameof(func));
            TResult result;
            using (BeginCore(handle))
            {
                result = func();
            }

            DelegateGuard.CheckResult(result);
            return result;
        }

        /// <summary>
        /// Runs async work as the client: takes the client's token (QuerySecurityContextToken, C-SSPI-1) and runs
        /// <paramref name="func"/> the way WindowsIdentity.RunImpersonatedAsync does, so every continuation runs as the
        /// client and no thread stays impersonated (C-ALL-1). Needs the net8.0 build on Windows.
        /// </summary>
        /// <typeparam name="THandle">The handle struct; exactly two pointer-sized fields.</typeparam>
        /// <param name="contextHandle">The server-side context (C-SSPI-1).</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="ArgumentException">A bad handle (C-SSPI-1).</exception>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecurityStatusException">QuerySecurityContextToken failed; <paramref name="func"/> did not run (C-SSPI-5).</exception>
        public static Task RunImpersonatedAsync<THandle>(in THandle contextHandle, Func<Task> func)
            where THandle : unmanaged
        {
            SspiContextHandle handle = ToHandle(in contextHandle, nameof(contextHandle));
            if (func == null)
            {
                throw new ArgumentNullException(nameof(func));
            }

            return RunAsyncCore(handle, async () =>
            {
                await (func() ?? throw new InvalidOperationException("The async delegate returned a null Task.")).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>Runs async work as the client and returns its result (see <see cref="RunImpersonatedAsync{THandle}(in THandle, Func{Task})"/>).</summary>
        /// <typeparam name="THandle">The handle struct; exactly two pointer-sized fields.</typeparam>
        /// <typeparam name="TResult">The result type.</typeparam>
        /// <param name="contextHandle">The server-side context (C-SSPI-1).</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="ArgumentException">A bad handle (C-SSPI-1).</exception>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecurityStatusException">QuerySecurityContextToken failed; <paramref name="func"/> did not run (C-SSPI-5).</exception>
        public static Task<TResult> RunImpersonatedAsync<THandle, TResult>(in THandle contextHandle, Func<Task<TResult>> func)
            where THandle : unmanaged
        {
            SspiContextHandle handle = ToHandle(in contextHandle, nameof(contextHandle));
            if (func == null)
            {
                throw new ArgumentNullException(nameof(func));
            }

            return RunAsyncCore(handle, func);
        }

        /// <summary>Reverts (RevertSecurityContext, C-SSPI-3). On another thread than Begin's, or when the revert fails, <see cref="ImpersonationPolicy"/> decides (fail fast by default).</summary>
        /// <exception cref="InvalidOperationException">Disposed on another thread, with a policy that returned (tests).</exception>
        /// <exception cref="SecurityStatusException">The revert failed, with a policy that returned (tests).</exception>
        [Contracts.RevertsImpersonation]
        public void Dispose() =>
            _scope.Dispose(
                () => _native.RevertSecurityContext(ref _context),
                status => Errors.Sspi(status, "RevertSecurityContext", "C-SSPI-3", "The thread may still be impersonating the client."));

        internal static unsafe SspiContextHandle ToHandle<T>(in T contextHandle, string paramName)
            where T : unmanaged
        {
            if (sizeof(T) != 2 * IntPtr.Size)
            {
                throw new ArgumentException(
                    "C-SSPI-1: " + typeof(T).FullName + " is " + sizeof(T) + " bytes; an SSPI context handle (CtxtHandle / SecHandle) is two pointer-sized fields, "
                    + (2 * IntPtr.Size) + " bytes in this process. Pass the handle struct itself, not a pointer to it or a part of it. No call was made.",
                    paramName);
            }

            T copy = contextHandle;
            IntPtr* fields = (IntPtr*)&copy;
            return CheckSet(new SspiContextHandle(fields[0], fields[1]), paramName);
        }

        private static SspiContextHandle CheckSet(SspiContextHandle handle, string paramName)
        {
            if (!handle.IsSet)
            {
                throw new ArgumentException(
                    "C-SSPI-1: the context handle " + handle + " was never filled or was invalidated; pass the handle AcceptSecurityContext returned. No call was made.",
                    paramName);
            }

            return handle;
        }

        private static SecurityContextImpersonation BeginCore(SspiContextHandle handle)
        {
            ImpersonationThreadState.CheckNone("C-SSPI-3");
            ISecureSocketsNative native = NativeApi.Get("SecurityContextImpersonation.Begin");
            var impersonation = new SecurityContextImpersonation(native, handle);
            int status = native.ImpersonateSecurityContext(ref impersonation._context);
            if (status != NativeConstants.SEC_E_OK)
            {
                throw Errors.Sspi(
                    status,
                    "ImpersonateSecurityContext",
                    status == NativeConstants.SEC_E_NO_IMPERSONATION ? "C-SSPI-5 (see C-SSPI-2, C-SSPI-4, C-SSPI-6)" : "C-SSPI-5",
                    "The client is NOT impersonated; its request must not run in the server's own context.");
            }

            impersonation._scope.Activate();
            return impersonation;
        }

        private static Task<TResult> RunAsyncCore<TResult>(SspiContextHandle handle, Func<Task<TResult>> func)
        {
            ImpersonationThreadState.CheckNone("C-ALL-1");
            ISecureSocketsNative native = NativeApi.Get("SecurityContextImpersonation.RunImpersonatedAsync");
            if (!native.SupportsAsyncImpersonation)
            {
                throw new PlatformNotSupportedException(Errors.AsyncNeedsNet8);
            }

            int status = native.QuerySecurityContextToken(ref handle, out IntPtr token);
            if (status != NativeConstants.SEC_E_OK)
            {
                throw Errors.Sspi(status, "QuerySecurityContextToken", "C-SSPI-5", "The client's token was not obtained; the work did not run.");
            }

            return native.RunImpersonatedAsync(token, func);
        }
    }
}
