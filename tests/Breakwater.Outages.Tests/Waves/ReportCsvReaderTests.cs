using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

public sealed class ReportCsvReaderTests
{
    private static IReadOnlyList<ReportRow> Read(string text) => ReportCsvReader.Read(new StringReader(text), "r.csv");

    [Fact]
    public void Read_HeaderCommentsAndCategories_GiveRows()
    {
        var rows = Read("# tracker export\ntime,count,category\n2025-03-10T09:45:00Z,12,App\n2025-03-10T05:46:00-04:00,3,website\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("app", rows[0].Category);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 46, 0, TimeSpan.Zero), rows[1].Time);
        Assert.Equal(4, rows[1].Line);
    }

    [Theory]
    [InlineData("time,count\n2025-03-10 09:45,3\n", "r.csv line 2: time '2025-03-10 09:45' is not an RFC 3339 time")]
    [InlineData("2025-03-10T09:45:00Z,-1\n", "r.csv line 1: count '-1' is not a number of reports")]
    [InlineData("2025-03-10T09:45:00Z,1\n2025-03-10T09:46:00Z\n", "r.csv line 2: has 1 column(s); expected time,count[,category]")]
    [InlineData("time,reports\n", "r.csv line 1: header column 2 is 'reports'")]
    [InlineData("# nothing\n", "r.csv: no report rows")]
    [InlineData("2025-03-10T09:45:00,1\n", "not an RFC 3339 time")]
    public void Read_BadInput_NamesTheLine(string text, string message)
    {
        var e = Assert.Throws<ReportInputException>(() => Read(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void FromRows_GapsAndRowsInOneBucket_AreSummedAndZeroFilled()
    {
        var t = new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
        var rows = new[] { new ReportRow(t, 2, "app", 1), new ReportRow(t.AddSeconds(30), 3, "app", 2), new ReportRow(t.AddMinutes(3), 1, null, 3) };

        var series = ReportSeries.FromRows(rows, ReportSeries.InferBucket(rows));

        Assert.Equal(TimeSpan.FromMinutes(1), series.Bucket);
        Assert.Equal([5.0, 0, 0, 1], series.Buckets.Select(b => b.Count));
        Assert.Equal(5, series.Buckets[0].Categories!["app"]);
    }

    [Fact]
    public void InferBucket_QuarterHourRows_PicksFifteenMinutes()
    {
        var t = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 10).Select(i => new ReportRow(t.AddMinutes(15 * i), 1, null, i + 1)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(15), ReportSeries.InferBucket(rows));
    }
}
