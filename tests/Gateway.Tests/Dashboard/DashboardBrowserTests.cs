using System.Globalization;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>
/// Opens /dashboard in Debian's headless Chromium (never a downloaded browser) against the running demo: every panel
/// shows live numbers, a card from the alerts opens in the card view with its windows, and a model promotion shows in
/// the Models panel within seconds. Saves a screenshot. Skipped without /usr/bin/chromium unless CI is set.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardHost host, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [Fact]
    public async Task Dashboard_shows_every_panel_live_the_card_view_and_a_promotion_in_a_real_browser()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail($"{Chromium} and {ChromeDriver} are needed: apt-get install -y chromium chromium-driver");
            }

            output.WriteLine($"skipped: {Chromium} or {ChromeDriver} is missing (install chromium chromium-driver)");
            return;
        }

        var profile = Directory.CreateTempSubdirectory("dashboard-chromium-").FullName;
        try
        {
            using var driver = Start(profile);
            driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "/dashboard"));

            // Every panel live and non-zero.
            await WaitUntil(driver, TimeSpan.FromSeconds(40), "every panel shows live data", d =>
                Number(Text(d, "#tps")) > 0 && Number(Text(d, "#live")) > 0 && Count(d, "#grain-rows tr") > 0 && Count(d, "#method-rows tr") > 0 && SparklinePoints(d) >= 3
                && Count(d, "#silo-rows tr") == 1 && Count(d, "#partition-rows tr") > 0
                && Count(d, "#score-bars rect[height]:not([height='0.0'])") > 0 && Number(Text(d, "#score-total")) > 0
                && Text(d, "#serving").Contains("champion on this silo", StringComparison.Ordinal) && Count(d, "#model-rows tr") > 0
                && Count(d, "#drift-rows tr") > 0 && Count(d, "#alert-rows a.card-link") > 0);
            Text(driver, "#status").Should().StartWith("live");
            Text(driver, "#cpu").Should().EndWith("%");
            Text(driver, "#drift-banner").Should().MatchRegex("^(stable|⚠ drift)").And.Contain("sampled decisions");
            Number(Text(driver, "#ws")).Should().BeGreaterThan(0);

            // The card view: click a card in the alerts panel and see its windows.
            var cardId = driver.ExecuteScript(
                "const a = document.querySelector('#alert-rows a.card-link'); const id = a.dataset.card; a.click(); return id;") as string ?? "";
            await WaitUntil(driver, TimeSpan.FromSeconds(10), $"the card view shows card {cardId}", d =>
                Text(d, "#card-status").StartsWith($"card {cardId} as of", StringComparison.Ordinal) && Count(d, "#card-windows .kpi") >= 10);
            Number(Text(driver, "#card-windows .kpi:nth-child(5) .v")).Should().BeGreaterThan(0, "a card that raised an alert has transactions in its 24 h window");
            Count(driver, "#card-decisions tr").Should().BeGreaterThan(0);
            Count(driver, "#card-recent tr").Should().BeGreaterThan(0);
            Text(driver, "#card-id").Should().BeEmpty("the input's text lives in its value, not its content");
            (driver.ExecuteScript("return document.getElementById('card-id').value;") as string).Should().Be(cardId);

            // A promotion: publish a copy, make it the challenger (shadow figures appear), then the champion.
            var store = host.Factory.Services.GetRequiredService<IModelRegistryStore>();
            var registry = host.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelRegistryGrain>(DashboardHost.ModelName);
            var published = await store.PublishAsync(DashboardHost.Package, "browser-test", "promotion shown on the dashboard");
            var version = published.Version;
            (await registry.PromoteAsync(version, ModelAliases.Challenger, force: true, "browser-test", "shadow")).Should().NotBeNull();
            await WaitUntil(driver, TimeSpan.FromSeconds(15), $"v{version} is scored in shadow", d =>
                Text(d, "#serving").Contains($"v{version}challenger on this silo", StringComparison.Ordinal)
                && Rows(d, "#shadow-rows tr").Any(r => r.Contains($"v{version}", StringComparison.Ordinal)));
            var started = DateTime.UtcNow;
            (await registry.PromoteAsync(version, ModelAliases.Champion, force: true, "browser-test", "promote")).Should().NotBeNull();
            await WaitUntil(driver, TimeSpan.FromSeconds(10), $"v{version} is champion", d =>
                Text(d, "#serving").Contains($"{DashboardHost.ModelName} v{version}champion on this silo", StringComparison.Ordinal)
                && Rows(d, "#model-rows tr").Any(r => r.Contains($"v{version}", StringComparison.Ordinal) && r.Contains("champion", StringComparison.Ordinal)));
            output.WriteLine($"promotion of v{version} visible after {(DateTime.UtcNow - started).TotalSeconds:F1} s");

            await WaitUntil(driver, TimeSpan.FromSeconds(5), "the page is live after the promotion", d => Text(d, "#status").StartsWith("live", StringComparison.Ordinal));
            output.WriteLine($"dashboard at {host.BaseAddress}");
            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(directory);
            var screenshot = Path.Combine(directory, "dashboard.png");
            driver.ExecuteScript("window.scrollTo(0, 0);");
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(screenshot);
            new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
            output.WriteLine($"screenshot: {screenshot}");
            Console.WriteLine($"dashboard screenshot: {screenshot}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static async Task WaitUntil(ChromeDriver driver, TimeSpan timeout, string what, Func<ChromeDriver, bool> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(driver))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "{0}; page text: {1}", what, Text(driver, "main"));
            await Task.Delay(100);
        }
    }

    private static ChromeDriver Start(string profile)
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1440,1800", $"--user-data-dir={profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    // The page re-renders every second, so read in one script call: an element found in one call can be gone by the next.
    private static int SparklinePoints(ChromeDriver driver) =>
        (driver.ExecuteScript("const l = document.querySelector('#spark polyline'); return l ? (l.getAttribute('points') || '') : '';") as string ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int Count(ChromeDriver driver, string selector) =>
        Convert.ToInt32(driver.ExecuteScript("return document.querySelectorAll(arguments[0]).length;", selector), CultureInfo.InvariantCulture);

    private static string Text(ChromeDriver driver, string selector) =>
        driver.ExecuteScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector) as string ?? "";

    private static string[] Rows(ChromeDriver driver, string selector) =>
        ((driver.ExecuteScript("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", selector)
            as IReadOnlyCollection<object>) ?? []).Select(o => o as string ?? "").ToArray();

    private static double Number(string text) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
