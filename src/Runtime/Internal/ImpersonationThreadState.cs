using System;

namespace SecureSockets
{
    /// <summary>Which wrapper scope impersonates the current thread (impersonation belongs to the thread, C-ALL-1).</summary>
    internal static class ImpersonationThreadState
    {
        [ThreadStatic]
        private static object? t_activeScope;

        internal static object? Active => t_activeScope;

        internal static void CheckNone(string clause)
        {
            if (t_activeScope != null)
            {
                throw new InvalidOperationException(
                    clause + ": this thread is already impersonating through " + t_activeScope.GetType().Name
                    + "; a nested impersonation would be ended by the inner revert (reverts return the thread to itself, not to the outer client). "
                    + "Dispose the active scope first. No call was made.");
            }
        }

        internal static void Enter(object scope) => t_activeScope = scope;

        /// <summary>Tests only: forgets a scope a returning test policy left active on this thread.</summary>
        internal static void ResetForTests() => t_activeScope = null;

        internal static void Leave(object scope)
        {
            if (ReferenceEquals(t_activeScope, scope))
            {
                t_activeScope = null;
            }
        }
    }
}
