using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>
/// Opens /dashboard in Debian's headless Chromium (never a downloaded browser) against the running demo and waits
/// until the panels show live numbers; saves a screenshot. Skipped without /usr/bin/chromium unless CI is set.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardHost host, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [Fact]
    public async Task Dashboard_shows_live_traffic_and_grains_in_a_real_browser()
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

            var deadline = DateTime.UtcNow.AddSeconds(30);
            string tps = "", live = "";
            while (!(Number(tps) > 0 && Number(live) > 0 && Count(driver, "#grain-rows tr") > 0 && SparklinePoints(driver) >= 3))
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "the page shows live numbers (tx/s '{0}', live activations '{1}')", tps, live);
                await Task.Delay(100);
                tps = Text(driver, "#tps");
                live = Text(driver, "#live");
            }

            Text(driver, "#status").Should().StartWith("live");
            Count(driver, "#partition-rows tr").Should().BeGreaterThan(0);
            Text(driver, "#cpu").Should().EndWith("%");

            output.WriteLine($"dashboard at {host.BaseAddress}");
            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(directory);
            var screenshot = Path.Combine(directory, "dashboard.png");
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

    private static ChromeDriver Start(string profile)
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1440,1000", $"--user-data-dir={profile}");
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

    private static double Number(string text) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
