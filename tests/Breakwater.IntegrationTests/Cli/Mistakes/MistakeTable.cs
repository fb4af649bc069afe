namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>
/// Every command × the mistake classes that involve files. Unknown options and bad numbers are walked for every
/// command automatically from the command tree. A new command adds its rows here (or says why a class does not apply):
/// <see cref="CliMistakeTests.EveryCommand_HasARowForEveryFileMistake"/> fails until it does.
/// </summary>
internal static class MistakeTable
{
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

        MistakeCase.Na("intel import", MistakeClass.DirectoryAsInput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("intel import", MistakeClass.SameFileOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("intel import", MistakeClass.UnwritableOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("intel import", MistakeClass.NestedYaml, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("report", MistakeClass.DirectoryAsInput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("report", MistakeClass.SameFileOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("report", MistakeClass.UnwritableOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("report", MistakeClass.NestedYaml, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("waves", MistakeClass.DirectoryAsInput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("waves", MistakeClass.SameFileOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("waves", MistakeClass.UnwritableOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("waves", MistakeClass.NestedYaml, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("timeline", MistakeClass.DirectoryAsInput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("timeline", MistakeClass.SameFileOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("timeline", MistakeClass.UnwritableOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("timeline", MistakeClass.NestedYaml, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("mitigation export", MistakeClass.DirectoryAsInput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("mitigation export", MistakeClass.SameFileOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("mitigation export", MistakeClass.UnwritableOutput, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
        MistakeCase.Na("mitigation export", MistakeClass.NestedYaml, "not walked yet: the command arrived in this release; its rows are an open item of the edge-safety issue"),
    ];
}
