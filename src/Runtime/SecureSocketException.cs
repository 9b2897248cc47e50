using System.Net.Sockets;

namespace SecureSockets
{
    /// <summary>
    /// A Winsock function the wrapper called failed (C-ALL-2). <see cref="WinsockErrorCode"/> is the code
    /// WSAGetLastError returned (on Windows also <see cref="System.ComponentModel.Win32Exception.NativeErrorCode"/>);
    /// <see cref="SocketException.SocketErrorCode"/> is the same value as a <see cref="SocketError"/>. The message names
    /// the function and the contract clause it concerns.
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
            WinsockErrorCode = errorCode;
            FunctionName = functionName;
            _message = message;
        }

        /// <summary>The WSAGetLastError code, for example WSAENOTSOCK (10038).</summary>
        public int WinsockErrorCode { get; }

        /// <summary>The Winsock function that failed, for example <c>WSASetSocketSecurity</c>.</summary>
        public string FunctionName { get; }

        /// <inheritdoc />
        public override string Message => _message;
    }
}
