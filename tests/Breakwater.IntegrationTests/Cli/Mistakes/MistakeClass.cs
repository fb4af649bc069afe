namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>The classes of user mistake every command must answer with the right exit code and one or two lines.</summary>
public enum MistakeClass
{
    UnknownOption,
    BadNumber,
    DirectoryAsInput,
    SameFileOutput,
    UnwritableOutput,
    NestedYaml,
}
