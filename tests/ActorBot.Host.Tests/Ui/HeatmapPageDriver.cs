using Microsoft.Playwright;

namespace ActorBot.Host.Tests.Ui;

/// <summary>What the browser tests do with the heatmap page: wait for its report of a draw.</summary>
internal static class HeatmapPageDriver
{
    /// <summary>
    /// Waits until the page has drawn and <paramref name="condition"/> (JS over the canvas's dataset <c>d</c>) holds; on
    /// time-out the failure names what the page last reported and the errors it shows.
    /// </summary>
    public static async Task WaitDrawnAsync(IPage page, string condition, float timeoutMs = 15_000)
    {
        try
        {
            await page.WaitForFunctionAsync(
                $"() => {{ const d = document.getElementById('heatmap').dataset; return +d.drawn > 0 && ({condition}); }}",
                null,
                new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 50 });
        }
        catch (TimeoutException e)
        {
            var report = await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('heatmap').dataset) + ' ' + document.getElementById('errors').innerText");
            throw new TimeoutException($"the page did not draw ({condition}) in {timeoutMs} ms; it reports {report}", e);
        }
    }
}
