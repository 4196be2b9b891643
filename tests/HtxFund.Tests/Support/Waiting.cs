using System.Diagnostics;

namespace HtxFund.Tests.Support;

/// <summary>The one way tests wait for something that happens in the background: poll a condition every 100 ms (never a
/// fixed sleep) until it holds, or fail naming what did not happen.</summary>
public static class Waiting
{
    public static async Task<TimeSpan> Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var watch = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            if (watch.Elapsed > limit) throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting until {what}.");
            await poll.WaitForNextTickAsync();
        }
        return watch.Elapsed;
    }
}
