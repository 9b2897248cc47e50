using System;

namespace SecureSockets
{
    /// <summary>Why a thread's impersonation could not be ended by its scope.</summary>
    public enum RevertFailureKind
    {
        /// <summary>The revert function (WSARevertImpersonation / RevertSecurityContext) reported failure.</summary>
        RevertFailed,

        /// <summary>The scope was disposed on another thread than the one it impersonates (C-ALL-1).</summary>
        WrongThread,
    }

    /// <summary>A revert that did not happen: the thread that began the scope may still run as the client.</summary>
    public sealed class RevertFailure
    {
        internal RevertFailure(RevertFailureKind kind, string function, int errorCode, string message)
        {
            Kind = kind;
            Function = function;
            ErrorCode = errorCode;
            Message = message;
        }

        /// <summary>What went wrong.</summary>
        public RevertFailureKind Kind { get; }

        /// <summary>The revert function concerned.</summary>
        public string Function { get; }

        /// <summary>The Winsock error or SECURITY_STATUS; 0 for <see cref="RevertFailureKind.WrongThread"/>.</summary>
        public int ErrorCode { get; }

        /// <summary>The description, naming the contract clauses.</summary>
        public string Message { get; }
    }

    /// <summary>
    /// What happens when an impersonation scope cannot revert: the revert function fails, or the scope is disposed on
    /// another thread (C-ALL-1, C-IMP-1, C-SSPI-3). A thread left impersonated would run later work as the client, or
    /// the process would continue with a thread in an unknown security context; like .NET's
    /// <c>WindowsIdentity.RunImpersonated</c>, the wrapper then ends the process with <see cref="Environment.FailFast(string)"/>.
    /// The policy is replaceable only from inside the assembly (its tests), never by callers.
    /// </summary>
    public static class ImpersonationPolicy
    {
        private static readonly Action<RevertFailure> s_failFast = failure => Environment.FailFast(failure.Message);

        /// <summary>True while the default policy (fail fast) is in force.</summary>
        public static bool FailsFast => ReferenceEquals(OnRevertFailure, s_failFast);

        /// <summary>The failed-revert handler. Tests replace it; when it returns, the scope throws instead.</summary>
        internal static Action<RevertFailure> OnRevertFailure { get; set; } = s_failFast;

        /// <summary>Restores the default (fail fast).</summary>
        internal static void Reset() => OnRevertFailure = s_failFast;

        internal static void Report(RevertFailure failure) => OnRevertFailure(failure);
    }
}
