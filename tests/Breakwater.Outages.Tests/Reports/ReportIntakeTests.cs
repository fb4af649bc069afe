using System.Net;
using Breakwater.Outages.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Breakwater.Outages.Tests.Reports;

public sealed class ReportIntakeTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.10");

    private static (ReportIntake Intake, FakeTimeProvider Time) Create(ReportSettings? settings = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 45, 0, TimeSpan.Zero));
        return (new ReportIntake(settings ?? new ReportSettings { Enabled = true }, time), time);
    }

    [Fact]
    public void Submit_SameReporterTwiceInAWindow_SecondIsDuplicate_NextWindowAccepted()
    {
        var (intake, time) = Create();

        Assert.Equal(ReportVerdict.Accepted, intake.Submit(A, "phone-1", "app", out _));
        Assert.Equal(ReportVerdict.Duplicate, intake.Submit(A, "phone-1", "website", out var retry));
        Assert.Equal(TimeSpan.FromMinutes(15), retry); // 09:45 is the start of a window
        Assert.Equal(ReportVerdict.Accepted, intake.Submit(A, "phone-2", "app", out _));

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(ReportVerdict.Accepted, intake.Submit(A, "phone-1", "app", out _));
    }

    [Fact]
    public void Submit_PerAddressAndPerPrefixLimits_AcceptNoMoreThanConfigured()
    {
        var (intake, _) = Create(new ReportSettings { Enabled = true, PerAddress = 3, PerPrefix = 5 });

        var fromOne = Enumerable.Range(0, 10).Count(i => intake.Submit(A, $"c{i}", "app", out _) == ReportVerdict.Accepted);
        var fromNeighbours = Enumerable.Range(0, 10).Count(i => intake.Submit(IPAddress.Parse($"192.0.2.{20 + i}"), "x", "app", out _) == ReportVerdict.Accepted);
        var otherPrefix = intake.Submit(IPAddress.Parse("198.51.100.1"), "x", "app", out _);

        Assert.Equal(3, fromOne);
        Assert.Equal(2, fromNeighbours);
        Assert.Equal(ReportVerdict.Accepted, otherPrefix);
    }

    [Fact]
    public void Submit_Ipv6_SharesTheSlash48()
    {
        var (intake, _) = Create(new ReportSettings { Enabled = true, PerPrefix = 2 });

        Assert.Equal(ReportVerdict.Accepted, intake.Submit(IPAddress.Parse("2001:db8:1:1::1"), null, "app", out _));
        Assert.Equal(ReportVerdict.Accepted, intake.Submit(IPAddress.Parse("2001:db8:1:2::1"), null, "app", out _));
        Assert.Equal(ReportVerdict.RateLimited, intake.Submit(IPAddress.Parse("2001:db8:1:ffff::9"), null, "app", out var retry));
        Assert.True(retry > TimeSpan.Zero);
        Assert.Equal(ReportVerdict.Accepted, intake.Submit(IPAddress.Parse("2001:db8:2::1"), null, "app", out _));
    }

    [Fact]
    public void Submit_UnknownCategory_IsInvalid() =>
        Assert.Equal(ReportVerdict.Invalid, Create().Intake.Submit(A, null, "billing", out _));

    [Fact]
    public void Log_CountsAcceptedReportsPerMinuteAndCategory()
    {
        var (intake, time) = Create();
        intake.Submit(A, "1", "app", out _);
        intake.Submit(A, "2", "website", out _);
        time.Advance(TimeSpan.FromMinutes(1));
        intake.Submit(A, "3", "app", out _);

        var buckets = intake.Log.Buckets(time.GetUtcNow().AddMinutes(-1), time.GetUtcNow().AddMinutes(1), TimeSpan.FromMinutes(1));

        Assert.Equal([2.0, 1], buckets.Select(b => b.Count));
        Assert.Equal(1, buckets[0].Categories!["website"]);
    }
}
