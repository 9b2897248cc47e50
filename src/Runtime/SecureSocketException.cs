using System.Net.Sockets;

namespace SecureSockets
{
    /// <summary>
    /// A Winsock function the wrapper called failed (C-ALL-2). <see cref="SocketException.SocketErrorCode"/> and
    /// <see cref="System.ComponentModel.Win32Exception.NativeErrorCode"/> carry the code WSAGetLastError returned;
    /// the message names the function and the contract clause it concerns.
    /// </summary>
    public class SecureSocketException : SocketException
    {
        private readonly string _message;

        /// <summary>Creates the exception for a failed Winsock call.</summary>
        /// <param name="errorCode">The WSAGetLastError code.</param>
        /// <param name="functionName">The Winsock function that failed.</param>
        /// <param name="message">What failed, naming the contract clause.</param>
        public SecureSocketException(int errorCode, string functionName, string message)
            : base(errorCode)
        {
            FunctionName = functionName;
            _message = message;
        }

        /// <summary>The Winsock function that failed, for example <c>WSASetSocketSecurity</c>.</summary>
        public string FunctionName { get; }

        /// <inheritdoc />
        public override string Message => _message;
    }
}
