using System.Diagnostics;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// CPU time this process (the in-process server, and the test's client) spent around an action. Only meaningful in a
/// collection that runs alone; the bound it is compared with guards against explosions, it is not a micro benchmark.
/// </summary>
public static class ServerCpu
{
    public static async Task<(T Result, TimeSpan Cpu)> MeasureAsync<T>(Func<Task<T>> action)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = await action();
        process.Refresh();
        return (result, process.TotalProcessorTime - before);
    }
}
