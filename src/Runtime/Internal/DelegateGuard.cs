using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace SecureSockets
{
    /// <summary>
    /// Refuses delegates whose work would leave the impersonated thread (C-ALL-1): async lambdas (even as
    /// <see cref="Action"/>), and functions that return a Task, ValueTask, any other awaitable or an async stream.
    /// </summary>
    internal static class DelegateGuard
    {
        internal static void CheckSynchronous(Delegate work, Type resultType, string paramName)
        {
            if (work == null)
            {
                throw new ArgumentNullException(paramName);
            }

            if (work.Method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
            {
                throw new ArgumentException(
                    "C-ALL-1: an async delegate runs its continuations on other threads, outside the impersonation, while this thread stays impersonated. "
                    + "Use RunImpersonatedAsync for async work. No call was made.",
                    paramName);
            }

            if (IsAsyncType(resultType))
            {
                throw new ArgumentException(
                    "C-ALL-1: the delegate returns " + resultType.Name + "; its work would continue outside the synchronous impersonation scope. "
                    + "Use RunImpersonatedAsync for async work. No call was made.",
                    paramName);
            }
        }

        /// <summary>A result that turned out to be asynchronous at run time (for example a Task returned as object).</summary>
        internal static void CheckResult(object? result)
        {
            if (result != null && IsAsyncType(result.GetType()))
            {
                throw new InvalidOperationException(
                    "C-ALL-1: the delegate returned " + result.GetType().Name + "; the part after its first await does not run impersonated. "
                    + "The impersonation was reverted; use RunImpersonatedAsync for async work.");
            }
        }

        internal static bool IsAsyncType(Type type)
        {
            if (typeof(Task).IsAssignableFrom(type))
            {
                return true;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Collections.Generic.IAsyncEnumerable`1")
            {
                return true;
            }

            foreach (Type implemented in type.GetInterfaces())
            {
                if (implemented.IsGenericType && implemented.GetGenericTypeDefinition().FullName == "System.Collections.Generic.IAsyncEnumerable`1")
                {
                    return true;
                }
            }

            // ValueTask, ValueTask<T>, and any custom awaitable: an instance GetAwaiter() method.
            return type.GetMethod("GetAwaiter", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null) != null;
        }
    }
}
