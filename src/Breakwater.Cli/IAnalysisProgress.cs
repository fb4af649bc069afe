namespace Breakwater.Cli;

/// <summary>Progress of a long offline job, reported in bytes of input consumed.</summary>
internal interface IAnalysisProgress
{
    void Begin(string file, long length);

    void Report(long position, long packets);

    void End();
}
