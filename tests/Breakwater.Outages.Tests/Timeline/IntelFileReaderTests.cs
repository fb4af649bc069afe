using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Timeline;

public sealed class IntelFileReaderTests
{
    [Fact]
    public void ReadFile_CommandsClaimsAndIpEntries_KeepsCommandsAndClaims()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"time":"2025-03-10T09:44:50Z","c2":"203.0.113.66","family":"mirai","method":"syn","targets":["198.51.100.7"],"duration":40}""",
                """{"address":"203.0.113.5","family":"mirai"}""",
                """{"time":"2025-03-10T17:30:00Z","actor":"g","target":"x.com","window":"2025-03-10T09:00:00Z/2025-03-10T18:00:00Z","source":"channel"}""",
            ]);

            var (commands, claims) = IntelFileReader.ReadFile(path);

            Assert.Equal("syn", Assert.Single(commands).Method);
            Assert.Equal(TimeSpan.FromHours(9), Assert.Single(claims).WindowEnd - claims[0].WindowStart);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_ClaimWithoutWindow_NamesTheLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# claims", """{"time":"2025-03-10T17:30:00Z","actor":"g","target":"x.com"}"""]);

            var e = Assert.Throws<ReportInputException>(() => IntelFileReader.ReadFile(path));
            Assert.Contains("line 2", e.Message);
            Assert.Contains("window", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
