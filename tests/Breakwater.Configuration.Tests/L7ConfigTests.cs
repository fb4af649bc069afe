using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary><c>collectors.access_log</c>, <c>path_rps</c>, <c>detection.http_baseline</c> and <c>intel.store</c>: good files map, bad ones name line and key.</summary>
public sealed class L7ConfigTests
{
    [Fact]
    public void Parse_AccessLogPathRpsAndBaseline_Map()
    {
        var config = ConfigLoader.Parse("""
            groups:
              web:
                thresholds: { rps: 800, path_rps: 200 }
            collectors:
              access_log: { paths: [/var/log/nginx/access.log, /var/log/nginx/shop.log], format: json, service: shop, group: web, from_start: true }
            detection:
              http_baseline: { enabled: false, sensitivity: 8, min_rps: 40, warmup: 30m }
            """, "/etc/breakwater/breakwater.yaml");

        var log = config.Collectors.AccessLog!;
        Assert.Equal(["/var/log/nginx/access.log", "/var/log/nginx/shop.log"], log.Paths);
        Assert.Equal("json", log.Format);
        Assert.Equal("shop", log.Service);
        Assert.Equal("web", log.Group);
        Assert.True(log.FromStart);
        Assert.Equal(200, config.Detection.Groups["web"].Thresholds.PathRps);
        var baseline = config.Detection.HttpBaseline;
        Assert.False(baseline.Enabled);
        Assert.Equal(8, baseline.Sensitivity);
        Assert.Equal(40, baseline.MinRps);
        Assert.Equal(1800, baseline.WarmupSeconds);
    }

    [Fact]
    public void Parse_RelativeLogPath_IsTakenFromTheConfigFolder()
    {
        var config = ConfigLoader.Parse("collectors:\n  access_log: { paths: logs/access.log }\n", "/etc/breakwater/breakwater.yaml");

        Assert.Equal(["/etc/breakwater/logs/access.log"], config.Collectors.AccessLog!.Paths);
        Assert.Equal("auto", config.Collectors.AccessLog.Format);
    }

    [Theory]
    [InlineData("collectors:\n  access_log: { paths: [/x.log], format: w3c }\n", "line 2: collectors.access_log.format must be one of auto, combined, json, caddy, got 'w3c'.")]
    [InlineData("collectors:\n  access_log: { format: json }\n", "line 2: collectors.access_log.paths is required")]
    [InlineData("collectors:\n  access_log: { paths: [/x.log], group: shop }\n", "line 2: collectors.access_log.group names group 'shop', which is not under 'groups'")]
    [InlineData("collectors:\n  access_log: { paths: [/x.log], tail: true }\n", "line 2: unknown key 'tail' at collectors.access_log")]
    [InlineData("groups:\n  web:\n    thresholds: { path_rps: -5 }\n", "line 3: groups.web.thresholds.path_rps")]
    [InlineData("detection:\n  http_baseline: { warmup: 1s }\n", "line 2: detection.http_baseline.warmup must be a duration from 10s")]
    [InlineData("intel:\n  store: /no/such/folder/intel.jsonl\n", "line 2: intel.store names '/no/such/folder/intel.jsonl', whose folder does not exist")]
    public void Parse_BadL7Key_NamesLineKeyAndWhatIsAllowed(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "b.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("b.yaml line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LogPathIsADirectory_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("bw-l7-config-").FullName;
        try
        {
            var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"collectors:\n  access_log: {{ paths: [{dir}] }}\n", "b.yaml"));
            Assert.Contains("which is a directory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
