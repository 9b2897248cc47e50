// Expect: SSX008, SSX016
// Why: SSX008 ("reported at … `yield return` reached while a thread impersonation is active"): the iterator suspends inside the impersonated region and the consumer resumes it on whatever thread it likes (C-ALL-1). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace SmbLite.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public UIntPtr dwLower;
        public UIntPtr dwUpper;
    }

    internal static class Secur32
    {
        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class SmbSessionState
    {
        public CtxtHandle SecurityContext;
        public ulong SessionId;
    }

    public readonly struct QueryDirectoryEntry
    {
        public QueryDirectoryEntry(string name, long size, FileAttributes attributes, DateTime lastWrite)
        {
            Name = name;
            Size = size;
            Attributes = attributes;
            LastWriteTimeUtc = lastWrite;
        }

        public string Name { get; }
        public long Size { get; }
        public FileAttributes Attributes { get; }
        public DateTime LastWriteTimeUtc { get; }
    }

    public sealed class QueryDirectoryHandler
    {
        public IEnumerable<QueryDirectoryEntry> Enumerate(SmbSessionState session, string directory, string pattern)
        {
            if (Secur32.ImpersonateSecurityContext(ref session.SecurityContext) != 0)
                throw new UnauthorizedAccessException("STATUS_ACCESS_DENIED");

            try
            {
                var info = new DirectoryInfo(directory);
                foreach (FileSystemInfo entry in info.EnumerateFileSystemInfos(pattern))
                {
                    long size = entry is FileInfo file ? file.Length : 0;
                    {|SSX008:yield return|} new QueryDirectoryEntry(entry.Name, size, entry.Attributes, entry.LastWriteTimeUtc);
                }
            }
            finally
            {
                {|SSX016:Secur32.RevertSecurityContext(ref session.SecurityContext)|};
            }
        }
    }
}
