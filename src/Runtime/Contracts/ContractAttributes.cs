using System;

namespace SecureSockets.Contracts
{
    /// <summary>The kind of thread impersonation a method begins.</summary>
    public enum ImpersonationKind
    {
        /// <summary>Socket peer impersonation (WSAImpersonateSocketPeer; reverted by WSARevertImpersonation, C-IMP-1).</summary>
        Peer = 0,

        /// <summary>SSPI security context impersonation (ImpersonateSecurityContext; reverted by RevertSecurityContext, C-SSPI-3).</summary>
        SecurityContext = 1,
    }

    /// <summary>
    /// A call to this method begins impersonation of <see cref="Kind"/>. Its failure convention is its return type's: a
    /// status, a <c>bool</c>, or <c>void</c> (throws on failure). When it returns an owner (an <see cref="IDisposable"/>),
    /// it throws on failure and disposing the owner reverts: the revert obligation moves to that object.
    /// </summary>
    /// <remarks>SecureSockets.Analyzers recognizes this attribute by full name wherever it is declared (an internal copy works).</remarks>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class BeginsImpersonationAttribute : Attribute
    {
        /// <summary>Marks a method that begins impersonation of <paramref name="kind"/>.</summary>
        public BeginsImpersonationAttribute(ImpersonationKind kind) => Kind = kind;

        /// <summary>The kind of impersonation begun.</summary>
        public ImpersonationKind Kind { get; }
    }

    /// <summary>A call to this method (or a Dispose so marked) reverts the thread's impersonation, of either kind.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class RevertsImpersonationAttribute : Attribute
    {
    }

    /// <summary>Base of the attributes that name the socket parameter a method acts on.</summary>
    public abstract class SocketEventAttribute : Attribute
    {
        /// <summary>Names the socket parameter.</summary>
        protected SocketEventAttribute(string parameter) => Parameter = parameter;

        /// <summary>The name of the parameter that holds the socket.</summary>
        public string Parameter { get; }
    }

    /// <summary>A call secures the socket passed as <see cref="SocketEventAttribute.Parameter"/> (WSASetSocketSecurity).</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class SecuresSocketAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that secures the socket parameter named <paramref name="parameter"/>.</summary>
        public SecuresSocketAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>A call sets the peer target name of the socket passed as the parameter (WSASetSocketPeerTargetName).</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class SetsPeerTargetNameAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that names the peer of the socket parameter named <paramref name="parameter"/>.</summary>
        public SetsPeerTargetNameAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>A call impersonates the peer of the socket passed as the parameter (WSAImpersonateSocketPeer).</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class ImpersonatesSocketPeerAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that impersonates the peer of the socket parameter named <paramref name="parameter"/>.</summary>
        public ImpersonatesSocketPeerAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>A call binds the socket passed as the parameter.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class BindsSocketAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that binds the socket parameter named <paramref name="parameter"/>.</summary>
        public BindsSocketAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>A call makes the socket passed as the parameter listen.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class ListensOnSocketAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that listens on the socket parameter named <paramref name="parameter"/>.</summary>
        public ListensOnSocketAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>A call connects the socket passed as the parameter.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class ConnectsSocketAttribute : SocketEventAttribute
    {
        /// <summary>Marks a method that connects the socket parameter named <paramref name="parameter"/>.</summary>
        public ConnectsSocketAttribute(string parameter)
            : base(parameter)
        {
        }
    }

    /// <summary>The method (or property getter) returns a fresh, unconnected socket.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class CreatesSocketAttribute : Attribute
    {
    }

    /// <summary>The method (or property getter) returns a connected (accepted) socket.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
    public sealed class AcceptsSocketAttribute : Attribute
    {
    }

    /// <summary>A call tests the status passed as the parameter and throws when it shows failure (like <c>ThrowIfFailed</c>).</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class ChecksResultAttribute : Attribute
    {
        /// <summary>Marks a method that checks the status parameter named <paramref name="parameter"/>.</summary>
        public ChecksResultAttribute(string parameter) => Parameter = parameter;

        /// <summary>The name of the status parameter.</summary>
        public string Parameter { get; }
    }
}
