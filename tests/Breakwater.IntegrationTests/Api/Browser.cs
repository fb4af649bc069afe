using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Breakwater.IntegrationTests.Api;

/// <summary>Debian's headless Chromium driven by chromedriver, with a fresh profile; one per test run (see <see cref="ServerFixture"/>).</summary>
public sealed class Browser : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("bw-api-chromium-").FullName;

    public Browser()
    {
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    public static bool Available => File.Exists("/usr/bin/chromium") && File.Exists("/usr/bin/chromedriver");

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>Polls the page until <paramref name="condition"/> holds (the page updates itself; nothing reloads it).</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition())
                {
                    return true;
                }
            }
            catch (WebDriverException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
