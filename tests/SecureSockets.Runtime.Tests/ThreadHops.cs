using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace SecureSockets.Runtime.Tests
{
    /// <summary>
    /// An awaitable that resumes on a brand-new thread, started with no execution context, so that the continuation
    /// runs only in the context the async method captured. The threads can be joined afterwards: no timing involved.
    /// </summary>
    internal sealed class ThreadHops
    {
        private readonly List<Thread> _threads = new List<Thread>();

        public int Count
        {
            get
            {
                lock (_threads)
                {
                    return _threads.Count;
                }
            }
        }

        public IReadOnlyList<int> ThreadIds
        {
            get
            {
                lock (_threads)
                {
                    return _threads.ConvertAll(t => t.ManagedThreadId);
                }
            }
        }

        public HopAwaitable Hop() => new HopAwaitable(this);

        public void JoinAll()
        {
            List<Thread> threads;
            lock (_threads)
            {
                threads = new List<Thread>(_threads);
            }

            foreach (Thread thread in threads)
            {
                if (thread != Thread.CurrentThread)
                {
                    thread.Join();
                }
            }
        }

        private void Start(Action continuation)
        {
            Thread thread;
            using (ExecutionContext.SuppressFlow())
            {
                thread = new Thread(() => continuation()) { IsBackground = true };
                lock (_threads)
                {
                    _threads.Add(thread);
                }

                thread.Start();
            }
        }

        public readonly struct HopAwaitable
        {
            private readonly ThreadHops _owner;

            public HopAwaitable(ThreadHops owner) => _owner = owner;

            public Awaiter GetAwaiter() => new Awaiter(_owner);
        }

        /// <summary>INotifyCompletion only: the async machinery then runs the continuation in the captured context.</summary>
        public readonly struct Awaiter : INotifyCompletion
        {
            private readonly ThreadHops _owner;

            public Awaiter(ThreadHops owner) => _owner = owner;

            public bool IsCompleted => false;

            public void OnCompleted(Action continuation) => _owner.Start(continuation);

            public void GetResult()
            {
            }
        }
    }
}
