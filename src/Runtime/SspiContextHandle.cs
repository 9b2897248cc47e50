using System;
using System.Runtime.InteropServices;

namespace SecureSockets
{
    /// <summary>
    /// The wrapper's own SSPI context handle (<c>CtxtHandle</c> / <c>SecHandle</c>: two pointer-sized fields,
    /// dwLower and dwUpper). Any other unmanaged struct of the same shape can be passed to
    /// <see cref="SecurityContextImpersonation.Begin{T}(in T)"/> directly.
    /// The handle must be the server side of the handshake: the one AcceptSecurityContext filled (C-SSPI-1).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct SspiContextHandle : IEquatable<SspiContextHandle>
    {
        private readonly IntPtr _lower;
        private readonly IntPtr _upper;

        /// <summary>Creates a handle from its two fields (dwLower, dwUpper).</summary>
        /// <param name="lower">The dwLower field.</param>
        /// <param name="upper">The dwUpper field.</param>
        public SspiContextHandle(IntPtr lower, IntPtr upper)
        {
            _lower = lower;
            _upper = upper;
        }

        /// <summary>The dwLower field.</summary>
        public IntPtr Lower => _lower;

        /// <summary>The dwUpper field.</summary>
        public IntPtr Upper => _upper;

        /// <summary>
        /// True when the handle holds neither the zero value of a never-filled handle nor the value SecInvalidateHandle
        /// writes (both fields -1). Says nothing about whether the security package still knows the handle.
        /// </summary>
        public bool IsSet =>
            !(_lower == IntPtr.Zero && _upper == IntPtr.Zero)
            && !(_lower == new IntPtr(-1) && _upper == new IntPtr(-1));

        /// <inheritdoc />
        public bool Equals(SspiContextHandle other) => _lower == other._lower && _upper == other._upper;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is SspiContextHandle other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _lower.GetHashCode() * 31 + _upper.GetHashCode();

        /// <summary>Compares two handles field by field.</summary>
        /// <param name="left">The first handle.</param>
        /// <param name="right">The second handle.</param>
        /// <returns>True when both fields are equal.</returns>
        public static bool operator ==(SspiContextHandle left, SspiContextHandle right) => left.Equals(right);

        /// <summary>Compares two handles field by field.</summary>
        /// <param name="left">The first handle.</param>
        /// <param name="right">The second handle.</param>
        /// <returns>True when a field differs.</returns>
        public static bool operator !=(SspiContextHandle left, SspiContextHandle right) => !left.Equals(right);

        /// <inheritdoc />
        public override string ToString() => $"{{0x{_lower.ToInt64():X}, 0x{_upper.ToInt64():X}}}";
    }
}
