using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

public sealed class WaveJsonReaderTests
{
    [Fact]
    public void Read_WrittenWave_EveryFieldBack()
    {
        var start = new DateTimeOffset(2025, 3, 10, 9, 47, 0, TimeSpan.Zero);
        var wave = new Wave
        {
            Id = "reports_1m-20250310T0947Z", Signal = "reports_1m", Start = start, Peak = start.AddMinutes(12), End = start.AddMinutes(56),
            PeakCount = 473, Baseline = 10, BaselineSource = "time_of_day", Reports = 9_000, ExcessReports = 8_440.5,
            Categories = [new("app", 5_040, 0.56), new("website", 2_970, 0.33)], Ongoing = true,
        };

        var back = WaveJsonReader.Read(WaveJsonReader.Write(wave));

        Assert.NotNull(back);
        Assert.Equal(wave with { Categories = [] }, back with { Categories = [] });
        Assert.Equal(wave.Categories, back.Categories);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("{\"id\":\"x\"}")]
    public void Read_NotAWave_Null(string json) => Assert.Null(WaveJsonReader.Read(json));
}
