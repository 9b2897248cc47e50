using System;

namespace Consumer;

internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("SecureSockets.Analyzers sample: build it to see the SSX diagnostics on the lines marked // SSXnnn.");
        return OperatingSystem.IsWindows() ? 0 : 1;
    }
}
