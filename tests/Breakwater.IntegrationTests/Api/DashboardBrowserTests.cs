using OpenQA.Selenium;

namespace Breakwater.IntegrationTests.Api;

/// <summary>
/// The dashboard in real headless Chromium: the token from the URL fragment is kept in session storage and cleared from
/// the address bar; an attack replayed through the sFlow path appears without a reload; the browser logs no error.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DashboardBrowserTests(ServerFixture fixture)
{
    private const string Target = "198.51.100.9";

    [Fact]
    public async Task Dashboard_TokenInFragment_ShowsReplayedAttackLiveWithoutErrors()
    {
        Assert.SkipUnless(Browser.Available, "Debian chromium and chromium-driver are not installed.");
        var browser = fixture.Browser;
        var driver = browser.Driver;

        // Without a token the page asks for one and calls nothing that needs it.
        driver.Navigate().GoToUrl(fixture.BaseAddress);
        Assert.True(await browser.WaitUntilAsync(() => driver.FindElement(By.Id("login")).Displayed, TimeSpan.FromSeconds(20)), "login form not shown");

        driver.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "/#token=" + ServerFixture.ReadToken));
        Assert.True(await browser.WaitUntilAsync(() => driver.FindElement(By.Id("app")).Displayed, TimeSpan.FromSeconds(20)), "dashboard not shown");
        Assert.DoesNotContain("token", driver.Url, StringComparison.Ordinal);
        Assert.Equal(ServerFixture.ReadToken, browser.Script("return sessionStorage.getItem('breakwater.token')"));
        Assert.True(await browser.WaitUntilAsync(() => driver.FindElement(By.Id("live")).Text == "live", TimeSpan.FromSeconds(20)), "event stream not connected");
        var loadedAt = browser.Script("return performance.timeOrigin");

        await fixture.ReplayAttackAsync(Target);
        var row = By.CssSelector($"#incidents tbody tr[data-target='{Target}']");
        Assert.True(await browser.WaitUntilAsync(() => driver.FindElements(row).Count > 0, TimeSpan.FromSeconds(40)), "incident not shown");
        Assert.Equal(loadedAt, browser.Script("return performance.timeOrigin")); // same document: no reload
        Assert.Contains("syn_flood", driver.FindElement(row).Text, StringComparison.Ordinal);

        driver.FindElement(row).Click();
        Assert.True(await browser.WaitUntilAsync(() => driver.FindElement(By.Id("detail")).Text.Contains(Target, StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Contains("fingerprint", driver.FindElement(By.Id("detail")).Text, StringComparison.Ordinal);
        await Task.Delay(1500, TestContext.Current.CancellationToken); // let charts draw for the screenshot

        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        var screenshot = driver.GetScreenshot();
        var path = Path.Combine(directory, "dashboard.png");
        screenshot.SaveAsFile(path);
        TestContext.Current.AddAttachment("dashboard.png", screenshot.AsByteArray, "image/png");
        TestContext.Current.SendDiagnosticMessage($"Dashboard screenshot: {path}");

        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "browser log: " + string.Join(" | ", errors));
    }
}
