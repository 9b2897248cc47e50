using System;
using System.Threading;

namespace SecureSockets
{
    /// <summary>
    /// The revert half shared by both impersonation scopes: a scope belongs to the thread that began it (C-ALL-1);
    /// disposing it elsewhere, or a revert that fails, goes to <see cref="ImpersonationPolicy"/> (fail fast by
    /// default). When a test policy returns, the scope stays active (the thread is still impersonated) and Dispose throws.
    /// </summary>
    internal sealed class ThreadScope
    {
        private const int Inactive = 0;
        private const int Active = 1;
        private const int Reverting = 2;
        private const int Reverted = 3;

        private readonly object _owner;
        private readonly string _revertFunction;
        private readonly string _clause;
        private int _threadId;
        private int _state;

        internal ThreadScope(object owner, string revertFunction, string clause)
        {
            _owner = owner;
            _revertFunction = revertFunction;
            _clause = clause;
        }

        internal bool IsActive => Volatile.Read(ref _state) == Active || Volatile.Read(ref _state) == Reverting;

        internal int ThreadId => _threadId;

        /// <summary>Marks the scope active on the current thread, right after the impersonate call succeeded.</summary>
        internal void Activate()
        {
            _threadId = Environment.CurrentManagedThreadId;
            ImpersonationThreadState.Enter(_owner);
            Volatile.Write(ref _state, Active);
        }

        /// <summary>Reverts; <paramref name="revert"/> returns 0 or the error code.</summary>
        internal void Dispose(Func<int> revert, Func<int, Exception> revertFailed)
        {
            if (Interlocked.CompareExchange(ref _state, Reverting, Active) != Active)
            {
                return;
            }

            if (Environment.CurrentManagedThreadId != _threadId)
            {
                Volatile.Write(ref _state, Active);
                string message = _clause + ", C-ALL-1: " + _owner.GetType().Name + " was disposed on thread "
                    + Environment.CurrentManagedThreadId + " but impersonates thread " + _threadId
                    + ", which stays impersonated; impersonation belongs to the thread that began it.";
                ImpersonationPolicy.Report(new RevertFailure(RevertFailureKind.WrongThread, _revertFunction, 0, message));
                throw new InvalidOperationException(message);
            }

            int error;
            try
            {
                error = revert();
            }
            catch (Exception exception)
            {
                Volatile.Write(ref _state, Active);
                string message = _clause + ": " + _revertFunction + " threw " + exception.GetType().Name + "; the thread may still be impersonated.";
                ImpersonationPolicy.Report(new RevertFailure(RevertFailureKind.RevertFailed, _revertFunction, exception.HResult, message));
                throw;
            }

            if (error != 0)
            {
                Volatile.Write(ref _state, Active);
                Exception failure = revertFailed(error);
                ImpersonationPolicy.Report(new RevertFailure(RevertFailureKind.RevertFailed, _revertFunction, error, failure.Message));
                throw failure;
            }

            ImpersonationThreadState.Leave(_owner);
            Volatile.Write(ref _state, Reverted);
        }
    }
}
