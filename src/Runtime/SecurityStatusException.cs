using System.ComponentModel;

namespace SecureSockets
{
    /// <summary>
    /// An SSPI function returned a SECURITY_STATUS other than SEC_E_OK. When it is ImpersonateSecurityContext the
    /// client is NOT impersonated and its request must not run (C-SSPI-5); the wrapper throws so it cannot.
    /// </summary>
    public class SecurityStatusException : Win32Exception
    {
        /// <summary>Creates the exception for a failed SSPI call.</summary>
        /// <param name="securityStatus">The SECURITY_STATUS the function returned.</param>
        /// <param name="functionName">The SSPI function that failed.</param>
        /// <param name="message">What failed, naming the contract clause.</param>
        public SecurityStatusException(int securityStatus, string functionName, string message)
            : base(securityStatus, message)
        {
            SecurityStatus = securityStatus;
            FunctionName = functionName;
            HResult = securityStatus;
        }

        /// <summary>The SECURITY_STATUS value, for example SEC_E_INVALID_HANDLE (0x80090301).</summary>
        public int SecurityStatus { get; }

        /// <summary>The SSPI function that failed, for example <c>ImpersonateSecurityContext</c>.</summary>
        public string FunctionName { get; }
    }
}
