using System.ComponentModel;
using System.Runtime.InteropServices;

namespace RoCoIn.Web.Agents;

/// <summary>SIGSTOP and SIGCONT for local agents (a hang the agent cannot notice); .NET only sends SIGKILL and SIGTERM.</summary>
internal static class PosixSignals
{
    // Linux numbers (x86-64 and arm64 alike).
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static void Stop(int pid) => Send(pid, SigStop);

    public static void Continue(int pid) => Send(pid, SigCont);

    private static void Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Hanging a local agent needs Linux signals.");
        if (Kill(pid, signal) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError());
    }

    // DllImport rather than LibraryImport: two ints need no marshalling code, and no unsafe blocks in the studio.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
