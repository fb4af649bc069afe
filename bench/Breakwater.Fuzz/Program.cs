using Breakwater.Fuzz;
using SharpFuzz;

// breakwater-fuzz TARGET            AFL++ out-of-process mode (bench/fuzz.sh instruments the assemblies first)
// breakwater-fuzz TARGET --seeds DIR  writes seed datagrams for the flow targets
// breakwater-fuzz TARGET --run DIR  runs every file of DIR through TARGET in-process: seeds, crashes found, regressions
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Breakwater.Fuzz TARGET [--run DIR]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

var target = args[0];
if (args.Length == 3 && args[1] == "--seeds")
{
    Seeds.Write(target, args[2]);
    return 0;
}

if (args.Length == 3 && args[1] == "--run")
{
    var files = Directory.GetFiles(args[2]);
    foreach (var file in files)
    {
        FuzzTargets.Run(target, File.ReadAllBytes(file));
    }

    Console.WriteLine($"{target}: {files.Length} input(s) ran without a finding");
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;
