using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using SecureSockets.Interop;
using SecureSockets.Runtime.Tests.Simulator;
using Xunit;

// The seam and the policy are process-wide statics: tests that install them must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SecureSockets.Runtime.Tests
{
    /// <summary>A fact that runs only on Windows (xunit 2 has no runtime skip: Skip is set in the constructor).</summary>
    public sealed class WindowsFactAttribute : FactAttribute
    {
        public WindowsFactAttribute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Skip = "Needs Windows: calls the real ws2_32.dll / Fwpuclnt.dll / Secur32.dll.";
            }
        }
    }

    /// <summary>Installs a fresh contract simulator and a recording revert-failure policy for one test.</summary>
    public abstract class SimulatorTest : IDisposable
    {
        private protected SimulatorTest()
        {
            Sim = new ContractSimulator();
            NativeApi.Override = Sim;
            ImpersonationPolicy.OnRevertFailure = failure =>
            {
                lock (PolicyCalls)
                {
                    PolicyCalls.Add(failure);
                }
            };
        }

        private protected ContractSimulator Sim { get; }

        private protected List<RevertFailure> PolicyCalls { get; } = new List<RevertFailure>();

        public virtual void Dispose()
        {
            NativeApi.Override = null;
            ImpersonationPolicy.Reset();
        }
    }
}
