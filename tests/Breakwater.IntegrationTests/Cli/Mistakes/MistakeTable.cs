namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>
/// Every command × the mistake classes that involve files. Unknown options and bad numbers are walked for every
/// command automatically from the command tree. Commands that read JSON rather than YAML are walked for
/// <see cref="MistakeClass.NestedYaml"/> with a JSON document nested as deep (the same class: a crash by nesting). A new command adds its rows here (or says why a class does not apply):
/// <see cref="CliMistakeTests.EveryCommand_HasARowForEveryFileMistake"/> fails until it does.
/// </summary>
internal static class MistakeTable
{
    private const string From = "2025-03-10T00:00:00Z";
    private const string To = "2025-03-11T00:00:00Z";

    public static IReadOnlyList<MistakeCase> Cases { get; } =
    [
        new("analyze", MistakeClass.DirectoryAsInput, w => ["analyze", w.Folder], 3),
        new("analyze", MistakeClass.DirectoryAsInput, w => ["analyze", w.Capture, "--config", w.Folder], 2),
        new("analyze", MistakeClass.SameFileOutput, w => ["analyze", w.Capture, "--json", w.Capture], 2, w => w.Capture),
        new("analyze", MistakeClass.SameFileOutput, w => ["analyze", w.Capture, "--config", w.Config, "--json", w.Config], 2, w => w.Config),
        new("analyze", MistakeClass.UnwritableOutput, w => ["analyze", w.Capture, "--json", "/proc/breakwater-test.json"], 2),
        new("analyze", MistakeClass.UnwritableOutput, w => ["analyze", w.Capture, "--json", w.Output("no/such/folder/a.json")], 2),
        new("analyze", MistakeClass.NestedYaml, w => ["analyze", w.Capture, "--config", w.Nested], 2),

        new("simulate", MistakeClass.DirectoryAsInput, w => ["simulate", w.Folder, "--out", w.Output("x.pcap")], 3),
        new("simulate", MistakeClass.SameFileOutput, w => ["simulate", w.Scenario, "--out", w.Scenario], 2, w => w.Scenario),
        new("simulate", MistakeClass.UnwritableOutput, w => ["simulate", w.Scenario, "--out", "/proc/breakwater-test.pcap"], 2),
        new("simulate", MistakeClass.UnwritableOutput, w => ["simulate", w.Scenario, "--out", w.Folder], 2),
        new("simulate", MistakeClass.NestedYaml, w => ["simulate", w.Nested, "--out", w.Output("x.pcap")], 2),

        new("demo", MistakeClass.DirectoryAsInput, w => ["demo", "--offline", "--scenario", w.Folder, "--dir", w.Output("demo")], 3),
        MistakeCase.Na("demo", MistakeClass.SameFileOutput, "demo writes only new files inside --dir, named after the scenario"),
        new("demo", MistakeClass.UnwritableOutput, w => ["demo", "--offline", "--scenario", w.Scenario, "--dir", "/proc/breakwater-demo"], 2),
        new("demo", MistakeClass.NestedYaml, w => ["demo", "--offline", "--scenario", w.Nested, "--dir", w.Output("demo")], 2),

        new("config check", MistakeClass.DirectoryAsInput, w => ["config", "check", w.Folder], 2),
        new("config check", MistakeClass.SameFileOutput, w => ["config", "check", w.SelfEventsConfig], 2, w => w.SelfEventsConfig),
        MistakeCase.Na("config check", MistakeClass.UnwritableOutput, "config check writes nothing"),
        new("config check", MistakeClass.NestedYaml, w => ["config", "check", w.Nested], 2),

        new("run", MistakeClass.DirectoryAsInput, w => ["run", "--config", w.Folder], 2),
        new("run", MistakeClass.SameFileOutput, w => ["run", "--config", w.SelfEventsConfig], 2, w => w.SelfEventsConfig),
        new("run", MistakeClass.UnwritableOutput, w => ["run", "--config", w.ProcEventsConfig], 2),
        new("run", MistakeClass.NestedYaml, w => ["run", "--config", w.Nested], 2),

        new("analyze", MistakeClass.DirectoryAsInput, w => ["analyze", w.Capture, "--baseline", w.Folder], 3),
        new("baseline learn", MistakeClass.DirectoryAsInput, w => ["baseline", "learn", w.Folder, "--output", w.Output("b.baseline")], 3),
        new("baseline learn", MistakeClass.DirectoryAsInput, w => ["baseline", "learn", w.Capture, "--output", w.Output("b.baseline"), "--config", w.Folder], 2),
        new("baseline learn", MistakeClass.DirectoryAsInput, w => ["baseline", "learn", w.Capture, "--output", w.Output("b.baseline"), "--update", w.Folder], 3),
        new("baseline learn", MistakeClass.SameFileOutput, w => ["baseline", "learn", w.Capture, "--output", w.Capture], 2, w => w.Capture),
        new("baseline learn", MistakeClass.SameFileOutput, w => ["baseline", "learn", w.Capture, "--config", w.Config, "--output", w.Config], 2, w => w.Config),
        new("baseline learn", MistakeClass.UnwritableOutput, w => ["baseline", "learn", w.Capture, "--output", "/proc/breakwater-test.baseline"], 2),
        new("baseline learn", MistakeClass.UnwritableOutput, w => ["baseline", "learn", w.Capture, "--output", w.Output("no/such/folder/b.baseline")], 2),
        new("baseline learn", MistakeClass.UnwritableOutput, w => ["baseline", "learn", w.Capture, "--output", w.Folder], 2),
        new("baseline learn", MistakeClass.NestedYaml, w => ["baseline", "learn", w.Capture, "--output", w.Output("b.baseline"), "--config", w.Nested], 2),

        new("intel import", MistakeClass.DirectoryAsInput, w => ["intel", "import", w.Folder, "--store", w.Output("intel.jsonl")], 3),
        new("intel import", MistakeClass.DirectoryAsInput, w => ["intel", "import", w.Intel, "--store", w.Folder], 2),
        new("intel import", MistakeClass.SameFileOutput, w => ["intel", "import", w.Intel, "--store", w.Intel], 2, w => w.Intel),
        new("intel import", MistakeClass.UnwritableOutput, w => ["intel", "import", w.Intel, "--store", "/proc/breakwater-intel.jsonl"], 2),
        new("intel import", MistakeClass.UnwritableOutput, w => ["intel", "import", w.Intel, "--store", w.Output("no/such/folder/intel.jsonl")], 2),
        new("intel import", MistakeClass.NestedYaml, w => ["intel", "import", w.NestedJson, "--store", w.Output("intel.jsonl")], 3),

        new("report", MistakeClass.DirectoryAsInput, w => ["report", "x", "--from", w.Folder], 3),
        new("report", MistakeClass.DirectoryAsInput, w => ["report", "x", "--db", w.Folder], 3),
        new("report", MistakeClass.DirectoryAsInput, w => ["report", "x", "--config", w.Folder], 2),
        new("report", MistakeClass.DirectoryAsInput, w => ["report", "x", "--db", w.Capture], 3, w => w.Capture),
        new("report", MistakeClass.SameFileOutput, w => ["report", "x", "--from", w.Analysis, "--out", w.Analysis], 2, w => w.Analysis),
        new("report", MistakeClass.SameFileOutput, w => ["report", "x", "--db", w.Capture, "--out", w.Capture], 2, w => w.Capture),
        new("report", MistakeClass.UnwritableOutput, w => ["report", "x", "--from", w.Analysis, "--out", "/proc/breakwater-report.html"], 2),
        new("report", MistakeClass.UnwritableOutput, w => ["report", "x", "--from", w.Analysis, "--out", w.Folder], 2),
        new("report", MistakeClass.NestedYaml, w => ["report", "x", "--config", w.Nested], 2),
        new("report", MistakeClass.NestedYaml, w => ["report", "x", "--from", w.NestedJson], 3),

        new("waves", MistakeClass.DirectoryAsInput, w => ["waves", w.Folder], 3),
        new("waves", MistakeClass.SameFileOutput, w => ["waves", w.ReportSeries, "--json", w.ReportSeries], 2, w => w.ReportSeries),
        new("waves", MistakeClass.UnwritableOutput, w => ["waves", w.ReportSeries, "--json", "/proc/breakwater-waves.json"], 2),
        new("waves", MistakeClass.UnwritableOutput, w => ["waves", w.ReportSeries, "--json", w.Folder], 2),
        MistakeCase.Na("waves", MistakeClass.NestedYaml, "waves reads one CSV series (time,count[,category]): no YAML and no nesting"),

        new("timeline", MistakeClass.DirectoryAsInput, w => ["timeline", "--from", From, "--to", To, "--reports", w.Folder], 3),
        new("timeline", MistakeClass.DirectoryAsInput, w => ["timeline", "--from", From, "--to", To, "--analysis", w.Folder], 3),
        new("timeline", MistakeClass.DirectoryAsInput, w => ["timeline", "--from", From, "--to", To, "--intel", w.Folder], 3),
        new("timeline", MistakeClass.SameFileOutput, w => ["timeline", "--from", From, "--to", To, "--reports", w.ReportSeries, "--json", w.ReportSeries], 2, w => w.ReportSeries),
        new("timeline", MistakeClass.SameFileOutput, w => ["timeline", "--from", From, "--to", To, "--analysis", w.Analysis, "--report", w.Analysis], 2, w => w.Analysis),
        new("timeline", MistakeClass.UnwritableOutput, w => ["timeline", "--from", From, "--to", To, "--reports", w.ReportSeries, "--json", "/proc/breakwater-timeline.json"], 2),
        new("timeline", MistakeClass.UnwritableOutput, w => ["timeline", "--from", From, "--to", To, "--reports", w.ReportSeries, "--report", w.Output("no/such/folder/t.html")], 2),
        new("timeline", MistakeClass.NestedYaml, w => ["timeline", "--from", From, "--to", To, "--analysis", w.NestedJson], 3),
        new("timeline", MistakeClass.NestedYaml, w => ["timeline", "--from", From, "--to", To, "--intel", w.NestedJson], 3),

        new("mitigation export", MistakeClass.DirectoryAsInput, w => ["mitigation", "export", "--format", "nginx", "--analysis", w.Folder], 3),
        new("mitigation export", MistakeClass.SameFileOutput, w => ["mitigation", "export", "--format", "nginx", "--analysis", w.Analysis, "--out", w.Analysis], 2, w => w.Analysis),
        new("mitigation export", MistakeClass.UnwritableOutput, w => ["mitigation", "export", "--format", "nginx", "--analysis", w.Analysis, "--out", "/proc/breakwater-deny.conf"], 2),
        new("mitigation export", MistakeClass.UnwritableOutput, w => ["mitigation", "export", "--format", "nginx", "--analysis", w.Analysis, "--out", w.Folder], 2),
        new("mitigation export", MistakeClass.NestedYaml, w => ["mitigation", "export", "--format", "nginx", "--analysis", w.NestedJson], 3),
        new("mitigation list", MistakeClass.DirectoryAsInput, w => ["mitigation", "list", "--config", w.Folder], 2),
        new("mitigation list", MistakeClass.SameFileOutput, w => ["mitigation", "list", "--config", w.Config, "--out", w.Config], 2, w => w.Config),
        new("mitigation list", MistakeClass.UnwritableOutput, w => ["mitigation", "list", "--out", "/proc/breakwater-test.json"], 2),
        new("mitigation list", MistakeClass.UnwritableOutput, w => ["mitigation", "list", "--out", w.Folder], 2),
        new("mitigation list", MistakeClass.NestedYaml, w => ["mitigation", "list", "--config", w.Nested], 2),

        new("mitigation approve", MistakeClass.DirectoryAsInput, w => ["mitigation", "approve", "m-1", "--config", w.Folder], 2),
        MistakeCase.Na("mitigation approve", MistakeClass.SameFileOutput, "approve writes no file: it asks the daemon and prints one line"),
        MistakeCase.Na("mitigation approve", MistakeClass.UnwritableOutput, "approve writes no file: it asks the daemon and prints one line"),
        new("mitigation approve", MistakeClass.NestedYaml, w => ["mitigation", "approve", "m-1", "--config", w.Nested], 2),

        new("mitigation withdraw", MistakeClass.DirectoryAsInput, w => ["mitigation", "withdraw", "--all", "--config", w.Folder], 2),
        MistakeCase.Na("mitigation withdraw", MistakeClass.SameFileOutput, "withdraw writes no file: it asks the daemon and prints one line"),
        MistakeCase.Na("mitigation withdraw", MistakeClass.UnwritableOutput, "withdraw writes no file: it asks the daemon and prints one line"),
        new("mitigation withdraw", MistakeClass.NestedYaml, w => ["mitigation", "withdraw", "m-1", "--config", w.Nested], 2),
    ];
}
